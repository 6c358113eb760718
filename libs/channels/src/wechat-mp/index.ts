export * from './wechat-signature';
export * from './wechat-crypto';
export * from './wechat-xml';
export * from './wechat-api.types';
export * from './wechat-errors';
