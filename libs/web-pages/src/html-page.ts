import { escapeHtml } from './html';

export interface HtmlPageOptions {
  /** Goes into `<title>` (escaped), followed by the site name. */
  title: string;
  /** The content of `<main>`: already-escaped HTML with exactly one `<h1>`. */
  body: string;
  /** Above `<main>`, after the skip link: a site header or navigation (HTML). */
  header?: string;
  /** Extra elements for `<head>` (HTML), e.g. a feed link. */
  head?: string;
  /** Rules added after the shared style sheet. */
  style?: string;
  /** Keeps search engines away (a citizen's own status page); public pages leave it off. */
  noindex?: boolean;
  /** A wider column, for tables. */
  wide?: boolean;
}

/**
 * The shell of every server-rendered page (the citizen's status page, the public archive): Chinese, no script, a skip
 * link to the content, a visible focus ring, and a style sheet inline so one request draws the page.
 */
export function renderHtmlPage(options: HtmlPageOptions): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${options.noindex ? '<meta name="robots" content="noindex">\n' : ''}<title>${escapeHtml(options.title)} - 问政</title>
${options.head ? `${options.head}\n` : ''}<style>${BASE_STYLE}${options.style ?? ''}</style>
</head>
<body>
<a class="skip-link" href="#main">跳到主要内容</a>
${options.header ? `${options.header}\n` : ''}<main id="main" tabindex="-1"${options.wide ? ' class="wide"' : ''}>
${options.body}
</main>
</body>
</html>
`;
}

// Text colours are at least 7:1 on their backgrounds (#1a1a1a, #4a4f57 on white; #7a1a14 on #fdecec); links 6:1; the focus
// ring 4.7:1 on white.
const BASE_STYLE = `
body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#f4f5f7}
main{display:block;max-width:44rem;margin:0 auto;padding:1.5rem 1rem;background:#fff;min-height:100vh;box-sizing:border-box}
main.wide{max-width:72rem}
main:focus{outline:none}
h1{font-size:1.5rem;margin:0 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #d0d4da;padding-bottom:.25rem}
a{color:#1d5fbf}
a:hover{color:#123f80}
.skip-link{position:absolute;left:.5rem;top:-3rem;background:#1a1a1a;color:#fff;padding:.5rem 1rem;z-index:10}
.skip-link:focus{top:.5rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.meta{color:#4a4f57;font-size:.9rem}
.notice{background:#fdecec;border-left:4px solid #b3261e;padding:.5rem 1rem;color:#7a1a14}
form{display:grid;gap:.5rem;max-width:28rem}
fieldset{border:1px solid #d0d4da;padding:.5rem 1rem}
fieldset label{display:block}
input:not([type=radio]),textarea,select{font:inherit;padding:.4rem;border:1px solid #6b7280;border-radius:4px;background:#fff;color:#1a1a1a}
button{font:inherit;padding:.5rem 1rem;background:#1d5fbf;color:#fff;border:0;border-radius:4px;cursor:pointer;justify-self:start}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
`;
