import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Safe-mode (安全模式) message encryption of WeChat official accounts:
 * base64(AES-256-CBC(random 16 bytes + 4-byte big-endian length + XML + app id, PKCS#7 padded to 32-byte blocks)),
 * key = base64(EncodingAESKey + "="), IV = first 16 bytes of the key.
 */

export type WechatCryptoFailure =
  | 'invalidKey'
  | 'badBase64'
  | 'badLength'
  | 'badPadding'
  | 'badMessageLength'
  | 'badUtf8'
  | 'appIdMismatch';

export class WechatCryptoError extends Error {
  override name = 'WechatCryptoError';
  constructor(
    readonly reason: WechatCryptoFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface WechatCryptoConfig {
  encodingAesKey: string;
  appId: string;
}

const BLOCK = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
const KEY_PATTERN = /^[A-Za-z0-9+/]{43}$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class WechatMessageCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly appId: Buffer;

  constructor({ encodingAesKey, appId }: WechatCryptoConfig) {
    if (!KEY_PATTERN.test(encodingAesKey)) {
      throw new WechatCryptoError(
        'invalidKey',
        `EncodingAESKey must be 43 base64 characters (got ${encodingAesKey.length} characters${
          encodingAesKey.length === 43 ? ' with a character outside A-Z a-z 0-9 + /' : ''
        })`,
      );
    }
    // The 43rd character carries 2 unused bits; keys the platform generates often set them, so no canonical-form check.
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) {
      throw new WechatCryptoError('invalidKey', `EncodingAESKey decodes to ${this.key.length} bytes, expected 32`);
    }
    if (!appId) throw new WechatCryptoError('invalidKey', 'appId must not be empty');
    this.iv = this.key.subarray(0, 16);
    this.appId = Buffer.from(appId, 'utf8');
  }

  /** Encrypts a reply (or, in the test client, a push). `random16` is fixed only by tests. */
  encrypt(xml: string, random16: Buffer = randomBytes(RANDOM_BYTES)): string {
    if (random16.length !== RANDOM_BYTES) throw new RangeError(`random16 must be 16 bytes, got ${random16.length}`);
    const body = Buffer.from(xml, 'utf8');
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32BE(body.length);
    const unpadded = RANDOM_BYTES + LENGTH_BYTES + body.length + this.appId.length;
    const pad = BLOCK - (unpadded % BLOCK);
    const plain = Buffer.concat([random16, length, body, this.appId, Buffer.alloc(pad, pad)]);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /** Returns the XML inside an `Encrypt` value; throws `WechatCryptoError` with the reason otherwise. */
  decrypt(encrypt: string): string {
    if (!encrypt || !BASE64_PATTERN.test(encrypt)) {
      throw new WechatCryptoError('badBase64', 'Encrypt is not canonical base64');
    }
    const data = Buffer.from(encrypt, 'base64');
    if (data.length < BLOCK || data.length % 16 !== 0) {
      throw new WechatCryptoError('badLength', `ciphertext is ${data.length} bytes; expected a multiple of 16, at least 32`);
    }
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);

    const pad = plain[plain.length - 1];
    if (pad < 1 || pad > BLOCK || pad > plain.length || !plain.subarray(plain.length - pad).every((b) => b === pad)) {
      throw new WechatCryptoError('badPadding', 'PKCS#7 padding is invalid (wrong key, or corrupted message)');
    }
    const content = plain.subarray(RANDOM_BYTES, plain.length - pad);
    if (content.length < LENGTH_BYTES) {
      throw new WechatCryptoError('badMessageLength', 'plaintext too short to hold the message length');
    }
    const length = content.readUInt32BE(0);
    if (length > content.length - LENGTH_BYTES) {
      throw new WechatCryptoError(
        'badMessageLength',
        `declared message length ${length} exceeds the ${content.length - LENGTH_BYTES} bytes present`,
      );
    }
    const body = content.subarray(LENGTH_BYTES, LENGTH_BYTES + length);
    const appId = content.subarray(LENGTH_BYTES + length);
    if (!appId.equals(this.appId)) {
      throw new WechatCryptoError('appIdMismatch', `message is for app id "${appId.toString('utf8')}", not this account`);
    }
    try {
      return utf8.decode(body);
    } catch {
      throw new WechatCryptoError('badUtf8', 'message is not valid UTF-8');
    }
  }
}
