import { performance } from 'node:perf_hooks';
import { Pool, PoolClient } from 'pg';
import type { Segmenter } from '@wenzheng/nlp';
import { indexText } from '@wenzheng/publishing';
import { MESSAGE_KINDS } from '@wenzheng/routing';
import { ASKS } from './corpus';

/**
 * Topics written into a share of the generated entries, so that the searched words have known, realistic
 * frequencies whatever the corpus holds (the shared data set has 供暖 in 8 of 7,605 messages, 光伏 in one).
 */
type Topic = 'heating' | 'shanty' | 'streetlight' | 'subsistence' | 'solar';
const TOPIC_SHARES: [Topic, number][] = [
  ['heating', 0.04],
  ['streetlight', 0.02],
  ['shanty', 0.012],
  ['subsistence', 0.004],
  ['solar', 0.0003],
];

/** A deterministic generator (mulberry32), so every run seeds the same texts. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

const VILLAGES = ['西关村', '前埠村', '杨家庄', '北关社区', '南河社区', '新兴社区', '店子村', '灰埠村', '韩家寨', '古岘村', '唐田村', '田庄'];
const ESTATES = ['福泽园小区', '锦绣花园', '金鼎华府', '阳光家园', '和平里小区', '盛世名门', '青年路小区', '东方新城', '翰林苑', '凤凰城'];
const ROADS = ['人民路', '长江路', '扬州路', '红旗路', '杭州路', '胶平路', '福州路', '常州路', '南京路', '郑州路'];
const LANDMARKS = ['实验小学', '人民医院', '汽车站', '农贸市场', '文化广场', '第三中学', '火车站', '供销社'];
const GREETINGS = ['您好！', '尊敬的领导：', '领导您好，', '', '市长您好：', ''];
const MESSAGE_ENDINGS = [...ASKS, '盼复，谢谢！'];
const ACTIONS = [
  '相关情况属实，已责成{town}限期整改，目前已整改完毕。',
  '该问题涉及多个部门，已召开协调会议研究解决方案，预计{month}月底前解决到位。',
  '工作人员已与您电话沟通，双方已达成一致意见。',
  '您反映的情况与实际有出入，已安排工作人员上门向您解释说明。',
  '执法人员已于{date}到现场检查，对违规行为依法下达了责令整改通知书，并将跟踪督办。',
  '已督促物业公司限期维修，并要求其加强日常管理，做好与业主的沟通。',
  '根据相关政策规定，符合条件的可携带身份证、户口簿到{town}便民服务中心办理，咨询电话{phone}。',
  '已将您的建议转交相关科室研究，纳入下一年度工作计划统筹考虑。',
  '经现场核查，该企业各项手续齐全，排放指标符合国家标准，我局将加强日常巡查。',
  '已联系施工单位调整作业时间，夜间22时至次日6时禁止高噪声作业。',
];
const CLOSINGS = ['感谢您对我市工作的关心和支持。', '如有疑问，可拨打12345政务服务热线咨询。', '欢迎继续监督。', ''];

interface TopicText {
  title: string;
  sentences: string[];
  reply: string;
}

function topicText(topic: Topic, r: Random, towns: readonly string[], date: () => string): TopicText {
  const town = r.pick(towns);
  const estate = r.pick(ESTATES);
  const village = r.pick(VILLAGES);
  const road = r.pick(ROADS);
  const building = r.int(1, 28);
  const year = r.int(2018, 2024);
  switch (topic) {
    case 'heating':
      return {
        title: r.pick([`${estate}供暖温度不达标`, `关于${town}${estate}供暖的问题`, `${estate}${building}号楼迟迟不供暖`, '供暖费收了暖气却不热']),
        sentences: [
          r.pick([
            `今年入冬以来，${town}${estate}集中供暖温度一直不达标，室内只有${r.int(11, 16)}度`,
            `${estate}${building}号楼至今没有开始供暖，家里老人孩子冻得受不了`,
            `${estate}的供暖管道${year}年更换以后一直不热，交了供暖费却享受不到供暖`,
          ]),
          r.pick(['给热力公司打了好几次电话都说在排查', '物业说是管网的问题让我们找供热公司', '邻居家也是一样的情况']),
        ],
        reply: r.pick([
          `经${'{unit}'}协调供热公司核查，${estate}供暖温度不达标系二次管网堵塞所致，已于${date()}完成维修，目前室温已达${r.int(18, 21)}度。`,
          `您反映的${estate}供暖问题，热力公司已上门排查，对${building}号楼供暖管道进行了冲洗，供暖已恢复正常。`,
          `根据我市供暖管理办法，集中供暖期为每年11月15日至次年3月31日，${estate}已列入今年管网改造计划。`,
        ]),
      };
    case 'streetlight':
      return {
        title: r.pick([`${road}路灯不亮`, `${road}路灯坏了没人修`, `${estate}门口路灯长期不亮`]),
        sentences: [
          r.pick([
            `${road}从${r.pick(LANDMARKS)}到${r.pick(LANDMARKS)}一段的路灯坏了${r.int(3, 20)}盏，晚上一片漆黑，出行很不安全`,
            `${estate}门口的路灯已经${r.int(2, 6)}个月不亮了，晚上放学的孩子只能摸黑走路`,
          ]),
        ],
        reply: r.pick([
          `收到您的反映后，${'{unit}'}已安排维修人员对${road}路灯进行维修，更换灯具${r.int(3, 20)}套，现已恢复照明。`,
          `经现场查看，${road}路灯线路老化，已安排专业人员维修，并将该路段纳入今年城市亮化改造计划。`,
          `${road}路灯由${town}负责管护，已督促其于${date()}前完成更换。`,
        ]),
      };
    case 'shanty':
      return {
        title: r.pick([`${village}棚户区改造安置房何时交付`, '咨询棚户区改造补偿标准', `${town}棚户区改造过渡费拖欠`]),
        sentences: [
          r.pick([
            `${town}${village}棚户区改造项目${year}年就签了拆迁协议，到现在安置房还没交付，每月的过渡费也不按时发放`,
            `请问${town}棚户区改造的补偿标准是怎样的，我家${r.int(60, 140)}平方米的老房子能置换多大的安置房`,
          ]),
        ],
        reply: r.pick([
          `经市城乡建设局核实，${village}棚户区改造项目安置房主体已完工，预计${year + 2}年${r.int(1, 12)}月交付；过渡费已督促${town}于本月内补发。`,
          `棚户区改造补偿按照《平度市国有土地上房屋征收与补偿办法》执行，可选择货币补偿或产权调换，详情可咨询${town}征收办公室。`,
        ]),
      };
    case 'subsistence':
      return {
        title: r.pick(['低保金停发', '咨询低保金发放时间', `${village}低保金被冒领`]),
        sentences: [
          r.pick([
            `我是${town}${village}的低保户，家里的低保金从${r.int(1, 12)}月份开始就停发了，去村里问也说不清楚原因`,
            `我们村有人家里开着小轿车还领着低保金，真正困难的人却评不上`,
          ]),
        ],
        reply: r.pick([
          `经${town}民政办核实，您家低保金停发系年度复核时家庭收入信息未更新所致，已重新核定，停发期间的低保金将于下月一并补发。`,
          `经市民政局调查，反映的${village}低保对象已于${date()}取消低保资格，并追回违规领取的低保金。`,
        ]),
      };
    case 'solar':
      return {
        title: '屋顶光伏发电电费结算问题',
        sentences: [`我家屋顶装的分布式光伏发电${year}年并网，电费已经${r.int(3, 9)}个月没有结算到账了`],
        reply: `经供电公司核实，您家光伏并网电费因银行账户信息有误未能结算，已于${date()}结算到账。`,
      };
  }
}

export interface ArchiveText {
  title: string;
  message: string;
  reply: string;
}

/**
 * `count` distinct archive entries: the corpus messages (anonymised place names replaced by the demo city's,
 * punctuation put back between words, a greeting, a date, an ask) with a title from their first words and a unit's
 * templated reply; a share of them (TOPIC_SHARES) about heating, street lights, shanty-town renovation, subsistence
 * allowances or rooftop solar instead.
 */
export function generateArchiveTexts(
  count: number,
  corpus: readonly string[],
  segmenter: Segmenter,
  towns: readonly string[],
  departments: readonly string[],
): ArchiveText[] {
  const r = generator(20251123);
  const date = () => `${r.int(2021, 2025)}年${r.int(1, 12)}月${r.int(1, 28)}日`;
  const places = [...towns, '平度市', '青岛市'];
  const texts: ArchiveText[] = [];
  for (let i = 0; i < count; i++) {
    const source = corpus[i % corpus.length]
      .replace(/[A-Z]\d*(?:区|县|市)/g, () => r.pick(places))
      .replace(/[A-Z]\d+/g, () => r.pick(VILLAGES));
    const words = segmenter.cut(source).filter((w) => w.trim() !== '');
    const titleWords = r.int(4, 8);
    // Punctuation back between words: a comma every 6–14 words, a full stop at the end.
    let body = '';
    let run = 0;
    let next = r.int(6, 14);
    for (const word of words.slice(0, 600)) {
      body += word;
      if (++run === next) {
        body += r.next() < 0.25 ? '。' : '，';
        run = 0;
        next = r.int(6, 14);
      }
    }
    body = body.replace(/[，。]$/, '') + '。';
    let draw = r.next();
    let topic: Topic | undefined;
    for (const [name, share] of TOPIC_SHARES) {
      if (draw < share) {
        topic = name;
        break;
      }
      draw -= share;
    }
    const unit = r.pick(departments);
    const dated = r.next() < 0.5 ? `${date()}，` : '';
    let title: string;
    let message: string;
    let replyCore: string;
    if (topic) {
      const t = topicText(topic, r, towns, date);
      title = t.title;
      const extra = r.next() < 0.3 ? `另外，${Array.from(body).slice(0, r.int(20, 60)).join('')}。` : '';
      message = `${r.pick(GREETINGS)}${dated}${t.sentences.join('，')}。${extra}${r.pick(MESSAGE_ENDINGS)}`;
      replyCore = t.reply.replace('{unit}', unit);
    } else {
      title = words.slice(0, titleWords).join('');
      message = `${r.pick(GREETINGS)}${dated}${body}${r.pick(MESSAGE_ENDINGS)}`;
      replyCore = `经${unit}调查核实，${r.pick(ACTIONS)}`
        .replace('{town}', r.pick(towns))
        .replace('{month}', String(r.int(1, 12)))
        .replace('{date}', date())
        .replace('{phone}', `8836${r.int(1000, 9999)}`);
    }
    const reply = `您好！您反映的“${title}”问题已收悉。${replyCore}${r.pick(CLOSINGS)}`;
    texts.push({ title, message, reply });
  }
  return texts;
}

export interface ArchiveSeed {
  rows: number;
  /** Distinct (title, message, reply) entries the rows are drawn from. */
  distinct: number;
  seconds: { texts: number; pool: number; insert: number; indexes: number; vacuum: number; total: number };
  /** Mean characters (code points) per row, and mean lexemes of a row's search_vector. */
  meanChars: { title: number; message: number; reply: number };
  meanLexemes: number;
  tableMiB: number;
  toastMiB: number;
  /** pg_stats correlation of published_at with the heap order (1: the heap lies in publication order). */
  correlation: number;
  searchIndexMiB: number;
  /** The indexes dropped before the load and rebuilt after it. */
  rebuiltIndexes: string[];
}

const POOL_BATCH = 2000;

/**
 * `rows` published replies, set-based: `distinct` generated entries are segmented here with the hub's segmenter and
 * indexText (exactly what publish() stores), sent to a scratch table where PostgreSQL builds their search_vector as
 * publish() does; then one INSERT … SELECT draws the rows from it at random (published_at rising with the row, as an
 * archive grows), with the secondary indexes dropped during the load and rebuilt after it; then VACUUM ANALYZE.
 */
export async function seedArchive(
  pool: Pool,
  segmenter: Segmenter,
  corpus: readonly string[],
  rows: number,
  distinct: number,
  progress: (line: string) => void,
): Promise<ArchiveSeed> {
  const started = performance.now();
  const units = (await pool.query<{ name: string; kind: string }>(`SELECT name, kind FROM units ORDER BY code`)).rows;
  const towns = units.filter((u) => u.kind === 'town').map((u) => u.name);
  const departments = units.filter((u) => u.kind === 'department').map((u) => u.name);
  const texts = generateArchiveTexts(distinct, corpus, segmenter, towns, departments);
  const indexed = texts.map((t) => ({
    ...t,
    titleIndex: indexText(segmenter, t.title),
    replyIndex: indexText(segmenter, t.reply),
    messageIndex: indexText(segmenter, t.message),
  }));
  const textsDone = performance.now();
  progress(`archive: ${distinct} distinct entries generated and segmented in ${((textsDone - started) / 1000).toFixed(1)} s`);

  const client = await pool.connect();
  // A second connection: the pool is uploaded, and the B-tree indexes rebuilt, beside the first (2 cores).
  const second = await pool.connect();
  let rebuiltIndexes: string[] = [];
  const marks: number[] = [];
  try {
    await client.query(`DROP TABLE IF EXISTS bench_archive_pool`);
    // Unlogged: scratch data, dropped at the end of the seeding.
    await client.query(
      `CREATE UNLOGGED TABLE bench_archive_pool (n integer PRIMARY KEY, title text NOT NULL, message_text text NOT NULL,
                                                reply_text text NOT NULL, search_vector tsvector NOT NULL)`,
    );
    const upload = async (lane: PoolClient, from: number) => {
      const batch = indexed.slice(from, from + POOL_BATCH);
      const column = (f: (e: (typeof indexed)[number]) => string) => batch.map(f);
      await lane.query(
        `INSERT INTO bench_archive_pool (n, title, message_text, reply_text, search_vector)
         SELECT $1::int + k, t, m, r,
                setweight(to_tsvector('simple', ti), 'A') || setweight(to_tsvector('simple', ri), 'B')
                  || setweight(to_tsvector('simple', mi), 'C')
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                WITH ORDINALITY AS u(t, m, r, ti, ri, mi, k)`,
        [
          from,
          column((e) => e.title),
          column((e) => e.message),
          column((e) => e.reply),
          column((e) => e.titleIndex),
          column((e) => e.replyIndex),
          column((e) => e.messageIndex),
        ],
      );
    };
    const batches = Array.from({ length: Math.ceil(indexed.length / POOL_BATCH) }, (_, b) => b * POOL_BATCH);
    await Promise.all(
      [client, second].map(async (lane, l) => {
        for (const from of batches.filter((_, b) => b % 2 === l)) await upload(lane, from);
      }),
    );
    await client.query(`ANALYZE bench_archive_pool`);
    marks.push(performance.now());
    progress(`archive: pool uploaded in ${((marks[0] - textsDone) / 1000).toFixed(1)} s; inserting ${rows} rows`);

    // Every index but the primary key goes during the load and is rebuilt after it: measured at 200,000 rows, the
    // load with the migration's indexes in place (the GIN one fed through its pending list) took 71 s, the load
    // without them 19.5 s plus 25.6 s of builds.
    const indexes = (
      await client.query<{ name: string; definition: string; gin: boolean }>(
        `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, a.amname = 'gin' AS gin
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
          WHERE i.indrelid = 'publications'::regclass AND NOT i.indisprimary ORDER BY c.relname`,
      )
    ).rows;
    rebuiltIndexes = indexes.map((i) => i.name);
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);

    await client.query('SELECT setseed(0.2025)');
    // One load, in row order: with the pool's hash table in work_mem (one batch) the rows leave the join in
    // generate_series order, so the heap lies in publication order as an archive that grows does (a multi-batch hash
    // join scrambles it: published_at correlation 0.13 instead of 1.00). Two loads side by side were no faster.
    await client.query(`SET work_mem = '256MB'`);
    // Spread over the last five years, published_at rising with the row number (plus up to an hour of jitter); the
    // reply 1–15 working days after the message, publication 3 days after the reply at most.
    await client.query(
      `INSERT INTO publications (kind, state, unit_id, title, message_kind, message_text, reply_text, received_at,
                                 replied_at, working_days, search_vector, published_at, created_at, updated_at)
       SELECT 'reply', 'published', d.unit_id, p.title, d.message_kind, p.message_text, p.reply_text,
              d.published_at - (d.days + 3) * interval '1 day' - interval '3 hours',
              d.published_at - interval '3 days' * d.lag, d.days, p.search_vector, d.published_at,
              d.published_at - interval '3 days' * d.lag + interval '1 hour', d.published_at
         FROM (SELECT i, 1 + floor(random() * $2)::int AS n,
                      now() - interval '1826 days' * (1 - i::float8 / $1) - interval '1 hour' * random() AS published_at,
                      u.ids[1 + floor(random() * cardinality(u.ids))::int] AS unit_id,
                      ($3::text[])[1 + floor(random() * cardinality($3::text[]))::int] AS message_kind,
                      1 + floor(random() * 15)::int AS days, random() AS lag
                 FROM generate_series(1, $1) i,
                      (SELECT array_agg(id ORDER BY code) AS ids FROM units WHERE kind IN ('department', 'town')) u) d
         JOIN bench_archive_pool p ON p.n = d.n`,
      [rows, distinct, MESSAGE_KINDS],
    );
    await client.query(`RESET work_mem`);
    marks.push(performance.now());
    progress(`archive: ${rows} rows inserted in ${((marks[1] - marks[0]) / 1000).toFixed(1)} s; building indexes`);
    // The GIN build on one connection, the B-trees on the other. maintenance_work_mem stays at the server's
    // setting: 1 GB instead of 64 MB did not make the GIN build faster (30.7 s against 24.4 s at 200,000 rows).
    await Promise.all([
      (async () => {
        for (const index of indexes.filter((i) => i.gin)) await client.query(index.definition);
      })(),
      (async () => {
        for (const index of indexes.filter((i) => !i.gin)) await second.query(index.definition);
      })(),
    ]);
    marks.push(performance.now());
    await client.query(`DROP TABLE bench_archive_pool`);
    progress(`archive: indexes built in ${((marks[2] - marks[1]) / 1000).toFixed(1)} s; VACUUM ANALYZE`);
    await client.query(`VACUUM (ANALYZE) publications`);
    marks.push(performance.now());
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_archive_pool').catch(() => undefined);
    client.release();
    second.release();
  }

  const [figures] = (
    await pool.query<{
      table: string;
      toast: string;
      gin: string;
      title: number;
      message: number;
      reply: number;
      lexemes: number;
      correlation: number;
    }>(
      `SELECT pg_relation_size('publications') AS table,
              (SELECT correlation FROM pg_stats WHERE tablename = 'publications' AND attname = 'published_at') AS correlation,
              pg_total_relation_size('publications') - pg_indexes_size('publications') - pg_relation_size('publications') AS toast,
              pg_relation_size('ix_publications_search_vector') AS gin,
              avg(char_length(title))::float8 AS title, avg(char_length(message_text))::float8 AS message,
              avg(char_length(reply_text))::float8 AS reply, avg(length(search_vector))::float8 AS lexemes
         FROM (SELECT * FROM publications TABLESAMPLE SYSTEM (1) REPEATABLE (7)) s`,
    )
  ).rows;
  const total = performance.now();
  return {
    rows,
    distinct,
    seconds: {
      texts: (textsDone - started) / 1000,
      pool: (marks[0] - textsDone) / 1000,
      insert: (marks[1] - marks[0]) / 1000,
      indexes: (marks[2] - marks[1]) / 1000,
      vacuum: (marks[3] - marks[2]) / 1000,
      total: (total - started) / 1000,
    },
    meanChars: { title: figures.title, message: figures.message, reply: figures.reply },
    meanLexemes: figures.lexemes,
    tableMiB: Number(figures.table) / 2 ** 20,
    toastMiB: Number(figures.toast) / 2 ** 20,
    correlation: figures.correlation,
    searchIndexMiB: Number(figures.gin) / 2 ** 20,
    rebuiltIndexes,
  };
}
