import { ConfigError, loadHubConfig } from './hub-config';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadHubConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('hub configuration', () => {
  it('has defaults that fit the development machine', () => {
    const config = loadHubConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/wenzheng');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http.port).toBe(3000);
    expect([...config.roles]).toEqual(['api', 'worker']);
    expect(config.calendar.directory).toMatch(/config\/calendar$/);
  });

  it('reads and converts variables', () => {
    const config = loadHubConfig({ PORT: '8080', HUB_ROLES: ' worker ', DEMO_LOAD: 'false', NLP_SEGMENTER: 'nodejieba' });
    expect(config.http.port).toBe(8080);
    expect([...config.roles]).toEqual(['worker']);
    expect(config.demo.load).toBe(false);
    expect(config.nlp.segmenter).toBe('nodejieba');
  });

  it.each<[string, boolean | number | string]>([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['loopback', 'loopback'],
    ['10.0.0.1, 10.0.0.2', '10.0.0.1, 10.0.0.2'],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadHubConfig({ TRUST_PROXY: value }).http.trustProxy).toEqual(expected);
  });

  it('reads the workbench and login settings in their units', () => {
    const config = loadHubConfig({ SESSION_IDLE_MINUTES: '20', SESSION_MAX_HOURS: '8', LOGIN_LOCK_MINUTES: '5', RETURN_WINDOW_DAYS: '1' });
    expect(config.auth).toMatchObject({ sessionIdleMs: 1_200_000, sessionMaxMs: 28_800_000, loginLockMs: 300_000, maxFailuresPerAccount: 5 });
    expect(config.workbench.returnWindowDays).toBe(1);
  });

  it('reads the routing settings, with the model file under the project root', () => {
    expect(loadHubConfig({}).routing).toMatchObject({ autoAssignConfidence: 0.8, retrainHour: 2, holdOutFraction: 0.2 });
    const config = loadHubConfig({ ROUTING_AUTO_ASSIGN_CONFIDENCE: '0.95', ROUTING_CATEGORY_MODEL_FILE: 'models/x.json.gz' });
    expect(config.routing.autoAssignConfidence).toBe(0.95);
    expect(config.routing.categoryModelFile).toMatch(/\/models\/x\.json\.gz$/);
    expect(loadHubConfig({ ROUTING_RETRAIN_HOUR: 'off' }).routing.retrainHour).toBeNull();
  });

  it('reads the bot: role, puppet, citizen groups and duty-group routes', () => {
    const config = loadHubConfig({
      HUB_ROLES: 'bot',
      BOT_PUPPET: 'wechaty-puppet-service',
      BOT_PUPPET_TOKEN: 'puppet_token_1',
      BOT_GROUPS: ' 幸福小区居民群 ,李园街道议事群,',
      BOT_DUTY_GROUPS: '{"clock.overdue":["督办群"],"monitor.*":["网信办值班群"," 督办群 "]}',
    });
    expect([...config.roles]).toEqual(['bot']);
    expect(config.bot).toMatchObject({
      puppet: 'wechaty-puppet-service',
      puppetToken: 'puppet_token_1',
      citizenGroups: ['幸福小区居民群', '李园街道议事群'],
      dutyGroups: { 'clock.overdue': ['督办群'], 'monitor.*': ['网信办值班群', '督办群'] },
      dutyMinIntervalMs: 60_000,
    });
    expect(loadHubConfig({}).bot).toMatchObject({ puppet: null, citizenGroups: [], dutyGroups: {} });
  });

  it('treats an empty variable as unset', () => {
    expect(loadHubConfig({ PORT: '' }).http.port).toBe(3000);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT: must be a whole number/],
    [{ PORT: '70000' }, /^PORT: /],
    [{ DATABASE_URL: 'mysql://x/y' }, /^DATABASE_URL: must be a URL starting with postgres:/],
    [{ REDIS_URL: 'not a url' }, /^REDIS_URL: must be a URL/],
    [{ HUB_ROLES: 'api,mailer' }, /^HUB_ROLES/],
    [{ HUB_ROLES: ',' }, /^HUB_ROLES: must name at least one/],
    [{ NLP_SEGMENTER: 'ictclas' }, /^NLP_SEGMENTER/],
    [{ QUEUE_PREFIX: 'a:b' }, /^QUEUE_PREFIX/],
    [{ TRACKING_SECRET: 'short' }, /^TRACKING_SECRET: must be at least 16/],
    [{ DEMO_LOAD: 'yes' }, /^DEMO_LOAD/],
    [{ TRUST_PROXY: 'everyone' }, /^TRUST_PROXY: must be true, false/],
    [{ SESSION_IDLE_MINUTES: '0' }, /^SESSION_IDLE_MINUTES/],
    [{ RETURN_WINDOW_DAYS: '31' }, /^RETURN_WINDOW_DAYS/],
    [{ ROUTING_AUTO_ASSIGN_CONFIDENCE: '1.5' }, /^ROUTING_AUTO_ASSIGN_CONFIDENCE: must be a number from 0 to 1/],
    [{ ROUTING_AUTO_ASSIGN_CONFIDENCE: 'high' }, /^ROUTING_AUTO_ASSIGN_CONFIDENCE/],
    [{ ROUTING_HOLD_OUT_FRACTION: '0' }, /^ROUTING_HOLD_OUT_FRACTION: must be between 0 and 1/],
    [{ ROUTING_RETRAIN_HOUR: '24' }, /^ROUTING_RETRAIN_HOUR/],
    [{ CHANNEL_SECRETS_KEY: 'too-short' }, /^CHANNEL_SECRETS_KEY: must be at least 32/],
    [{ CHANNEL_REPLY_BUDGET_MS: '5000' }, /^CHANNEL_REPLY_BUDGET_MS/],
    [{ CHANNEL_MAX_PENDING_INTAKES: '0' }, /^CHANNEL_MAX_PENDING_INTAKES/],
    [{ WECHAT_API_BASE_URL: 'ftp://x' }, /^WECHAT_API_BASE_URL: must be a URL starting with http:/],
    [{ WEIBO_API_BASE_URL: 'api.weibo.com' }, /^WEIBO_API_BASE_URL: must be a URL starting with http:/],
    [{ WEIBO_MESSAGES_BASE_URL: 'ftp://m.api.weibo.com' }, /^WEIBO_MESSAGES_BASE_URL: must be a URL starting with http:/],
    [{ WEIBO_POLL_INTERVAL_MS: '500' }, /^WEIBO_POLL_INTERVAL_MS: /],
    [{ HUB_ROLES: 'bot' }, /^BOT_PUPPET: must name the Wechaty puppet/],
    [{ BOT_PUPPET: 'rm -rf /' }, /^BOT_PUPPET: must be a puppet package name/],
    [{ BOT_DUTY_GROUPS: '{not json' }, /^BOT_DUTY_GROUPS: must be JSON/],
    [{ BOT_DUTY_GROUPS: '["督办群"]' }, /^BOT_DUTY_GROUPS: must be a JSON object/],
    [{ BOT_DUTY_GROUPS: '{"clock.overdue":[]}' }, /^BOT_DUTY_GROUPS\.clock\.overdue: each kind names at least one group/],
    [{ BOT_DUTY_GROUPS: '{"Clock Overdue":["督办群"]}' }, /^BOT_DUTY_GROUPS\.Clock Overdue: keys are notice kinds/],
  ])('refuses %j naming the variable', (env, problem) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it('lists every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', REDIS_URL: 'y' })).toHaveLength(2);
  });

  it('refuses the development secrets in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^TRACKING_SECRET: must be set in production/),
      expect.stringMatching(/^CHANNEL_SECRETS_KEY: must be set in production/),
    ]);
    const channelKey = 'a-real-production-channel-secrets-key';
    expect(problemsOf({ NODE_ENV: 'production', CHANNEL_SECRETS_KEY: channelKey })).toEqual([expect.stringMatching(/^TRACKING_SECRET/)]);
    expect(problemsOf({ NODE_ENV: 'production', TRACKING_SECRET: 'a-real-production-secret', CHANNEL_SECRETS_KEY: channelKey })).toEqual([]);
  });

  it('reads the channel settings, trimming trailing slashes from base URLs', () => {
    const config = loadHubConfig({ WECHAT_API_BASE_URL: 'http://127.0.0.1:9/', PUBLIC_BASE_URL: 'https://wz.example.gov.cn/', CHANNEL_REPLY_BUDGET_MS: '2500' });
    expect(config.channels).toMatchObject({ wechatApiBaseUrl: 'http://127.0.0.1:9', replyBudgetMs: 2500, maxPushAgeSeconds: 300 });
    expect(config.publicBaseUrl).toBe('https://wz.example.gov.cn');
    const weibo = loadHubConfig({ WEIBO_API_BASE_URL: 'http://127.0.0.1:8/', WEIBO_MESSAGES_BASE_URL: 'http://127.0.0.1:7//' });
    expect(weibo.channels).toMatchObject({ weiboApiBaseUrl: 'http://127.0.0.1:8', weiboMessagesBaseUrl: 'http://127.0.0.1:7', weiboPollIntervalMs: 300_000 });
    expect(loadHubConfig({}).channels).toMatchObject({ weiboApiBaseUrl: 'https://api.weibo.com', weiboMessagesBaseUrl: 'https://m.api.weibo.com' });
  });
});
