export * from './domain-errors';
export * from './parse-input';
