export {
  MESSAGE_KIND_OPTIONS,
  escapeHtml,
  formatShanghaiDate,
  formatShanghaiTime,
  messageKindText,
  paragraphs,
  shanghaiIsoDate,
} from './html';
export { renderHtmlPage } from './html-page';
export type { HtmlPageOptions } from './html-page';
