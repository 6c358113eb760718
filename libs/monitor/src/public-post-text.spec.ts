import { publicPostText } from './public-post-text';

describe('publicPostText', () => {
  it.each([
    ['@东阁市政府 小区门口积水一周了', '小区门口积水一周了'],
    ['小区门口积水一周了 @东阁市政府 @东阁发布', '小区门口积水一周了'],
    ['回复@张三:同意，我们楼也是', '同意，我们楼也是'],
    ['太对了//@李四：积水到膝盖//@东阁市政府: 已转交', '太对了 积水到膝盖 已转交'],
    ['@city_gov-2 路灯不亮', '路灯不亮'],
    ['没有提到谁', '没有提到谁'],
    ['@东阁市政府', ''],
  ])('%s → %s', (text, expected) => {
    expect(publicPostText(text)).toBe(expected);
  });
});
