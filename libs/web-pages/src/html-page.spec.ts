import { renderHtmlPage } from './html-page';

describe('renderHtmlPage', () => {
  const html = renderHtmlPage({ title: '<公开答复>', body: '<h1>公开答复</h1>' });

  it('is a Chinese page with the title escaped, a skip link to <main>, and no script', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('<title>&lt;公开答复&gt; - 问政</title>');
    expect(html).toContain('<a class="skip-link" href="#main">跳到主要内容</a>');
    expect(html).toContain('<main id="main" tabindex="-1">\n<h1>公开答复</h1>\n</main>');
    expect(html.indexOf('skip-link" href')).toBeLessThan(html.indexOf('<main'));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(':focus-visible{outline:3px solid');
  });

  it.each([
    ['noindex', { noindex: true }, '<meta name="robots" content="noindex">'],
    ['wide', { wide: true }, '<main id="main" tabindex="-1" class="wide">'],
    ['header', { header: '<nav>n</nav>' }, '</a>\n<nav>n</nav>\n<main'],
    ['head', { head: '<link rel="alternate">' }, '<link rel="alternate">\n<style>'],
    ['style', { style: '.x{color:red}' }, '.x{color:red}</style>'],
  ])('%s', (_what, options, expected) => {
    expect(renderHtmlPage({ title: 't', body: '<h1>t</h1>', ...options })).toContain(expected);
  });

  it('is indexable unless asked otherwise', () => {
    expect(html).not.toContain('noindex');
  });
});
