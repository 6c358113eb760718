export * from './weibo-signature';
export * from './weibo-push';
export * from './weibo-reply';
