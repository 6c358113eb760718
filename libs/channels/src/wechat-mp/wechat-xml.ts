import { XMLParser } from 'fast-xml-parser';

/**
 * Inbound XML of WeChat official-account pushes, parsed into a typed union, and the XML the hub answers with.
 * Every value stays a string (MsgId exceeds 2^53; "00123" must stay "00123") except CreateTime (seconds).
 */

export type WechatXmlFailure = 'malformed' | 'forbiddenDoctype' | 'wrongRoot' | 'missingField' | 'invalidField';

export class WechatXmlError extends Error {
  override name = 'WechatXmlError';
  constructor(
    readonly reason: WechatXmlFailure,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface WechatInboundCommon {
  /** The account's original id (gh_…). */
  toUserName: string;
  /** The citizen's OpenID. */
  fromUserName: string;
  /** Seconds since the epoch. */
  createTime: number;
  /** The raw MsgType. */
  msgType: string;
}

export interface WechatTextMessage extends WechatInboundCommon {
  kind: 'text';
  content: string;
  msgId: string;
}
export interface WechatImageMessage extends WechatInboundCommon {
  kind: 'image';
  picUrl: string;
  mediaId: string;
  msgId: string;
}
export interface WechatVoiceMessage extends WechatInboundCommon {
  kind: 'voice';
  mediaId: string;
  format: string;
  /** Present when the account has speech recognition on. */
  recognition?: string;
  msgId: string;
}
/** `msgType` is `video` or `shortvideo`. */
export interface WechatVideoMessage extends WechatInboundCommon {
  kind: 'video';
  mediaId: string;
  thumbMediaId: string;
  msgId: string;
}
export interface WechatLocationMessage extends WechatInboundCommon {
  kind: 'location';
  /** Latitude (Location_X), as sent. */
  x: string;
  /** Longitude (Location_Y), as sent. */
  y: string;
  scale: string;
  label: string;
  msgId: string;
}
export interface WechatLinkMessage extends WechatInboundCommon {
  kind: 'link';
  title: string;
  description: string;
  url: string;
  msgId: string;
}

export const WECHAT_EVENTS = ['subscribe', 'unsubscribe', 'CLICK', 'VIEW', 'SCAN', 'LOCATION'] as const;
export type WechatEventName = (typeof WECHAT_EVENTS)[number] | 'other';

export interface WechatEventMessage extends WechatInboundCommon {
  kind: 'event';
  /** Canonical name of a known event, `other` for the rest (see `eventRaw`). */
  event: WechatEventName;
  eventRaw: string;
  /** CLICK: the menu key; VIEW: the URL; subscribe via QR code: `qrscene_…`; SCAN: the scene. */
  eventKey?: string;
  /** QR-code ticket (subscribe via QR code, SCAN). */
  ticket?: string;
  /** LOCATION event. */
  latitude?: string;
  longitude?: string;
  precision?: string;
}

/** Any other MsgType; its leaf fields are kept as they came. */
export interface WechatUnknownMessage extends WechatInboundCommon {
  kind: 'unknown';
  msgId?: string;
  fields: Record<string, string>;
}

export type WechatInbound =
  | WechatTextMessage
  | WechatImageMessage
  | WechatVoiceMessage
  | WechatVideoMessage
  | WechatLocationMessage
  | WechatLinkMessage
  | WechatEventMessage
  | WechatUnknownMessage;

/** The safe-mode body: `Encrypt` (and `ToUserName`; compatible mode adds the plain fields, ignored here). */
export interface WechatEncryptedEnvelope {
  toUserName?: string;
  encrypt: string;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type XmlNode = Record<string, unknown>;

const DOCTYPE = /<!DOCTYPE|<!ENTITY/i;

function parseRoot(xml: string): XmlNode {
  if (typeof xml !== 'string' || !xml.trim()) throw new WechatXmlError('malformed', 'body is empty, expected XML');
  // The platform never sends a DTD; refusing it rules out entity expansion (billion laughs) and external entities.
  if (DOCTYPE.test(xml)) throw new WechatXmlError('forbiddenDoctype', 'XML with a DOCTYPE or ENTITY declaration is refused');
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch (error) {
    throw new WechatXmlError('malformed', `malformed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const roots = Object.keys(document as XmlNode).filter((name) => name !== '#text');
  if (roots.length !== 1 || roots[0] !== 'xml') {
    throw new WechatXmlError('wrongRoot', `root element must be <xml>, got ${roots.map((r) => `<${r}>`).join(', ') || 'none'}`);
  }
  const root = (document as XmlNode).xml;
  if (typeof root === 'string') return {};
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw new WechatXmlError('wrongRoot', 'root element <xml> must appear once');
  }
  return root as XmlNode;
}

function optional(root: XmlNode, name: string): string | undefined {
  const value = root[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new WechatXmlError('invalidField', `<${name}> appears more than once`, name);
  if (typeof value !== 'string') throw new WechatXmlError('invalidField', `<${name}> must hold text, not elements`, name);
  return value;
}

/** A required field whose value may be empty (message text). */
function text(root: XmlNode, name: string): string {
  const value = optional(root, name);
  if (value === undefined) throw new WechatXmlError('missingField', `<${name}> is missing`, name);
  return value;
}

/** A required identifier: surrounding whitespace dropped, must not be empty. */
function id(root: XmlNode, name: string): string {
  const value = optional(root, name)?.trim();
  if (!value) throw new WechatXmlError('missingField', `<${name}> is missing or empty`, name);
  return value;
}

function optionalId(root: XmlNode, name: string): string | undefined {
  const value = optional(root, name)?.trim();
  return value ? value : undefined;
}

function common(root: XmlNode): WechatInboundCommon {
  const createTime = id(root, 'CreateTime');
  if (!/^\d{1,12}$/.test(createTime)) {
    throw new WechatXmlError('invalidField', `<CreateTime> must be whole seconds, got "${createTime}"`, 'CreateTime');
  }
  return {
    toUserName: id(root, 'ToUserName'),
    fromUserName: id(root, 'FromUserName'),
    createTime: Number(createTime),
    msgType: id(root, 'MsgType'),
  };
}

function eventName(raw: string): WechatEventName {
  return WECHAT_EVENTS.find((name) => name.toLowerCase() === raw.toLowerCase()) ?? 'other';
}

function leafFields(root: XmlNode): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root)) {
    if (name !== '#text' && typeof value === 'string') fields[name] = value;
  }
  return fields;
}

/** Parses a plain-mode push (or a decrypted safe-mode one). Throws `WechatXmlError`. */
export function parseWechatInbound(xml: string): WechatInbound {
  const root = parseRoot(xml);
  const base = common(root);
  switch (base.msgType) {
    case 'text':
      return { ...base, kind: 'text', content: text(root, 'Content'), msgId: id(root, 'MsgId') };
    case 'image':
      return { ...base, kind: 'image', picUrl: id(root, 'PicUrl'), mediaId: id(root, 'MediaId'), msgId: id(root, 'MsgId') };
    case 'voice': {
      const recognition = optional(root, 'Recognition');
      return {
        ...base,
        kind: 'voice',
        mediaId: id(root, 'MediaId'),
        format: id(root, 'Format'),
        ...(recognition !== undefined ? { recognition } : {}),
        msgId: id(root, 'MsgId'),
      };
    }
    case 'video':
    case 'shortvideo':
      return {
        ...base,
        kind: 'video',
        mediaId: id(root, 'MediaId'),
        thumbMediaId: id(root, 'ThumbMediaId'),
        msgId: id(root, 'MsgId'),
      };
    case 'location':
      return {
        ...base,
        kind: 'location',
        x: id(root, 'Location_X'),
        y: id(root, 'Location_Y'),
        scale: id(root, 'Scale'),
        label: text(root, 'Label'),
        msgId: id(root, 'MsgId'),
      };
    case 'link':
      return {
        ...base,
        kind: 'link',
        title: text(root, 'Title'),
        description: text(root, 'Description'),
        url: id(root, 'Url'),
        msgId: id(root, 'MsgId'),
      };
    case 'event': {
      const eventRaw = id(root, 'Event');
      const extras = {
        eventKey: optionalId(root, 'EventKey'),
        ticket: optionalId(root, 'Ticket'),
        latitude: optionalId(root, 'Latitude'),
        longitude: optionalId(root, 'Longitude'),
        precision: optionalId(root, 'Precision'),
      };
      const present = Object.fromEntries(Object.entries(extras).filter(([, value]) => value !== undefined)) as Partial<
        typeof extras
      >;
      return { ...base, kind: 'event', event: eventName(eventRaw), eventRaw, ...present };
    }
    default: {
      const msgId = optionalId(root, 'MsgId');
      return { ...base, kind: 'unknown', ...(msgId ? { msgId } : {}), fields: leafFields(root) };
    }
  }
}

/** Parses the safe-mode (or compatible-mode) body down to its `Encrypt` value. Throws `WechatXmlError`. */
export function parseWechatEnvelope(xml: string): WechatEncryptedEnvelope {
  const root = parseRoot(xml);
  const toUserName = optionalId(root, 'ToUserName');
  return { ...(toUserName ? { toUserName } : {}), encrypt: id(root, 'Encrypt') };
}

/**
 * The key under which a push is processed once: the platform retries the same push up to 3 times.
 * Messages carry MsgId; events do not, so the documented key is FromUserName + CreateTime.
 */
export function wechatDedupeKey(message: WechatInbound): string {
  const msgId = message.kind === 'event' ? undefined : message.msgId;
  return msgId ? `msg:${msgId}` : `event:${message.fromUserName}:${message.createTime}`;
}

// XML 1.0 forbids these even inside CDATA (control characters, lone surrogates, U+FFFE/FFFF).
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Wraps text in CDATA; a `]]>` inside is split across two sections so it cannot end the first one early. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(NOT_XML_CHAR, '').split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

function seconds(name: string, value: number | string): string {
  const textValue = String(value);
  if (!/^\d{1,12}$/.test(textValue)) throw new RangeError(`${name} must be whole seconds, got "${textValue}"`);
  return textValue;
}

function required(name: string, value: string): string {
  if (!value) throw new RangeError(`${name} must not be empty`);
  return value;
}

export interface PassiveTextReply {
  /** The citizen's OpenID (the push's FromUserName). */
  toUser: string;
  /** The account (the push's ToUserName). */
  fromUser: string;
  createTime: number;
  content: string;
}

/** The passive text reply (被动回复) returned as the HTTP answer to a push. */
export function passiveTextReply({ toUser, fromUser, createTime, content }: PassiveTextReply): string {
  return (
    `<xml><ToUserName>${cdata(required('toUser', toUser))}</ToUserName>` +
    `<FromUserName>${cdata(required('fromUser', fromUser))}</FromUserName>` +
    `<CreateTime>${seconds('createTime', createTime)}</CreateTime>` +
    `<MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(content)}</Content></xml>`
  );
}

export interface EncryptedReplyEnvelope {
  encrypt: string;
  /** messageSignature(token, timestamp, nonce, encrypt). */
  signature: string;
  timestamp: number | string;
  nonce: string;
}

/** A safe-mode reply: the encrypted passive reply and its signature. */
export function encryptedReplyEnvelope({ encrypt, signature, timestamp, nonce }: EncryptedReplyEnvelope): string {
  return (
    `<xml><Encrypt>${cdata(required('encrypt', encrypt))}</Encrypt>` +
    `<MsgSignature>${cdata(required('signature', signature))}</MsgSignature>` +
    `<TimeStamp>${seconds('timestamp', timestamp)}</TimeStamp>` +
    `<Nonce>${cdata(required('nonce', nonce))}</Nonce></xml>`
  );
}
