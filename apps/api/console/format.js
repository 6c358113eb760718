// Words and dates for the console. Times are shown in Asia/Shanghai whatever the browser's zone.
export const ROLE_TEXT = { handler: '承办人', reviewer: '审核人', dispatcher: '派单员', monitor: '网信办', admin: '管理员' };

export const KIND_TEXT = { consult: '咨询', help: '求助', suggestion: '建议', complaint: '投诉', report: '举报', urgent: '紧急' };

/** Staff words for the statuses, in the order a ticket passes them. */
export const STATUS_TEXT = {
  received: '已受理',
  analyzed: '已分拣',
  dispatching: '待派单',
  assigned: '待签收',
  accepted: '办理中',
  replied: '待审核',
  resolved: '已办结',
  published: '已公开',
  merged: '已并单',
};

/** The statuses staff filter by. */
export const STATUS_FILTERS = ['dispatching', 'assigned', 'accepted', 'replied', 'resolved', 'published', 'merged'];

/** 待办: what still needs someone's work. */
export const OPEN_STATUSES = 'dispatching,assigned,accepted,replied';

export const CHANNEL_TEXT = { portal: '网站留言', wechat: '微信', weibo: '微博', bot: '微信机器人', 'weibo-mention': '微博@提及', 'weibo-comment': '微博评论' };

export const PURPOSE_TEXT = { dispatch: '派单', reply: '答复' };
export const CLOCK_STATE_TEXT = { running: '计时中', paused: '已暂停', stopped: '已停止' };
export const EXTENSION_STATUS_TEXT = { requested: '待审批', approved: '已批准', refused: '未批准' };
export const REPLY_STATE_TEXT = { draft: '草稿', submitted: '已提交审核', approved: '已审核通过' };

export const EVENT_TEXT = {
  received: '受理',
  analyzed: '分拣',
  assigned: '派单',
  claimed: '签收',
  submitted: '提交审核',
  rejected: '退回修改',
  resolved: '审核通过，办结',
  returned: '退回',
  merged: '并单',
  'merge.joined': '他件并入',
  'reply.delivered': '答复已送达',
  rated: '来信人评价',
  reopened: '重办',
  'opinion.added': '协办意见',
  'note.added': '内部备注',
  'extension.requested': '申请延期',
  'extension.approved': '批准延期',
  'extension.refused': '不批准延期',
  'clock.stopped': '停止计时',
  'clock.paused': '暂停计时',
  'clock.resumed': '恢复计时',
  'clock.restarted': '重新计时',
  'clock.extended': '延长期限',
  'clock.retimed': '期限重算',
  'clock.reminder': '到期提醒',
  'clock.overdue': '超期督办',
  'clock.seriously-overdue': '严重超期',
  'unanswered.warning': '两个月未答复',
  'unanswered.critical': '三个月未答复',
};

/** 站内通知 kinds, as the notices list labels them. */
export const NOTICE_KIND_TEXT = {
  'clock.reminder': '到期提醒',
  'clock.overdue': '超期督办',
  'clock.seriously-overdue': '严重超期督办',
  'extension.requested': '延期申请',
  'extension.approved': '延期已批准',
  'extension.refused': '延期未批准',
  'unanswered.warning': '两个月未答复',
  'unanswered.critical': '三个月未答复',
  'publication.draft': '待审核公开',
  'monitor.alert': '舆情预警',
  'monitor.case-opened': '舆情案件',
};

export const textOf = (table, key) => table[key] ?? key ?? '';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function formatTime(iso) {
  return iso ? dateTime.format(new Date(iso)) : '';
}

/** "剩余 N 个工作日", or "已超期 N 个工作日" when the clock has run out. */
export function countdownText({ workingDaysLeft: days, overdue }) {
  if (overdue) return days < 0 ? `已超期 ${-days} 个工作日` : '已超期';
  if (days === 0) return '今日到期';
  return `剩余 ${days} 个工作日`;
}

export function dueLabel(dueClock) {
  return dueClock === 'dispatch' ? '派单期限' : '答复期限';
}
