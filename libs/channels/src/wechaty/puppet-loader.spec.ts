import { puppetClassOf } from './puppet-loader';

class PuppetX {}

describe('puppetClassOf', () => {
  it.each([
    ['an ES module default export', { default: PuppetX }],
    ['a CommonJS module with exports.default', { default: { default: PuppetX, PuppetX } }],
  ])('finds the class in %s', (_, module) => {
    expect(puppetClassOf(module)).toBe(PuppetX);
  });

  it.each([
    ['no default export', { PuppetX }],
    ['a default that is not a class', { default: { version: '1.0.0' } }],
  ])('finds nothing in %s', (_, module) => {
    expect(puppetClassOf(module as Record<string, unknown>)).toBeUndefined();
  });
});
