import { z } from 'zod';
import { requiredText } from '@wenzheng/errors';

export const CHANNEL_PLATFORMS = ['wechat-mp', 'weibo'] as const;
export type ChannelPlatform = (typeof CHANNEL_PLATFORMS)[number];

/** WeChat: 明文 plain, 兼容 compatible (both forms in each push), 安全 safe (AES only). Weibo: push or polling only. */
export const WECHAT_MODES = ['plain', 'compatible', 'safe'] as const;
export const WEIBO_MODES = ['push', 'poll'] as const;
export type ChannelMode = (typeof WECHAT_MODES)[number] | (typeof WEIBO_MODES)[number];

/** What a WeChat menu button (CLICK EventKey) does. */
export const MENU_ACTIONS = ['how-to-write', 'query'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

const settingsSchema = z
  .object({
    /** 关注 welcome; the hub's own text when absent. */
    welcomeText: requiredText('settings.welcomeText', 600).optional(),
    /** EventKey → action, e.g. { "WRITE": "how-to-write", "QUERY": "query" }. */
    menu: z.record(z.string().min(1).max(128), z.enum(MENU_ACTIONS, { error: `a menu action is one of ${MENU_ACTIONS.join(', ')}` })).optional(),
    /**
     * Outside the 48-hour window the reply notice goes as this template message, linking to the status page; values
     * may hold {trackingNo}, {unit}, {status}. Without it the citizen finds the reply on the status page.
     */
    replyNotice: z
      .object({ templateId: requiredText('settings.replyNotice.templateId', 128), data: z.record(z.string().min(1).max(64), z.string().max(200)) })
      .strict()
      .optional(),
    /** Weibo: the short public answer to an @mention or comment (never personal data). */
    mentionReply: requiredText('settings.mentionReply', 140).optional(),
  })
  .strict();

export type ChannelAccountSettings = z.output<typeof settingsSchema>;

const wechatCredentials = z
  .object({
    appSecret: requiredText('credentials.appSecret', 128),
    token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'credentials.token is 3–32 letters or digits (as the platform allows)'),
    encodingAesKey: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}$/, 'credentials.encodingAesKey is the 43 characters the platform shows')
      .optional(),
  })
  .strict();

const weiboCredentials = z
  .object({
    appSecret: requiredText('credentials.appSecret', 128),
    accessToken: requiredText('credentials.accessToken', 512),
  })
  .strict();

export type WechatCredentials = z.output<typeof wechatCredentials>;
export type WeiboCredentials = z.output<typeof weiboCredentials>;

const common = { name: requiredText('name', 100), appId: requiredText('appId', 64), settings: settingsSchema.default({}), enabled: z.boolean().default(true) };

export const newChannelAccountSchema = z
  .discriminatedUnion(
    'platform',
    [
      z.object({ platform: z.literal('wechat-mp'), mode: z.enum(WECHAT_MODES), credentials: wechatCredentials, ...common }).strict(),
      z.object({ platform: z.literal('weibo'), mode: z.enum(WEIBO_MODES), credentials: weiboCredentials, ...common }).strict(),
    ],
    { error: `platform must be one of ${CHANNEL_PLATFORMS.join(', ')}` },
  )
  .refine((a) => a.platform !== 'wechat-mp' || a.mode === 'plain' || a.credentials.encodingAesKey, {
    message: 'credentials.encodingAesKey is needed in compatible and safe mode',
    path: ['credentials', 'encodingAesKey'],
  });

export type NewChannelAccount = z.output<typeof newChannelAccountSchema>;

/** A change: any of name, settings, enabled; credentials and mode are replaced whole and checked like a new account. */
export const channelAccountChangeSchema = z
  .object({
    name: requiredText('name', 100).optional(),
    mode: z.string().optional(),
    credentials: z.record(z.string(), z.unknown()).optional(),
    settings: settingsSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

/** What the admin API shows: never a secret, only which ones are set. */
export interface ChannelAccountView {
  id: string;
  platform: ChannelPlatform;
  name: string;
  appId: string;
  mode: ChannelMode;
  enabled: boolean;
  settings: ChannelAccountSettings;
  credentialsSet: string[];
  /** Where to point the platform's server URL, relative to PUBLIC_BASE_URL. */
  webhookPath: string;
  createdAt: string;
  updatedAt: string;
}

/** An account ready to use, credentials opened. */
export type OpenChannelAccount =
  | { id: string; platform: 'wechat-mp'; name: string; appId: string; mode: (typeof WECHAT_MODES)[number]; enabled: boolean; settings: ChannelAccountSettings; credentials: WechatCredentials }
  | { id: string; platform: 'weibo'; name: string; appId: string; mode: (typeof WEIBO_MODES)[number]; enabled: boolean; settings: ChannelAccountSettings; credentials: WeiboCredentials };

export type PlatformAccount<P extends ChannelPlatform> = Extract<OpenChannelAccount, { platform: P }>;

export const webhookPathOf = (platform: ChannelPlatform, id: string) => `/channels/${platform}/${id}`;
