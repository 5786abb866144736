import { defineMessages } from '../../../src-shared/i18n/index.js';

/** Words the exported documents print on every page. */
export const EXPORT_TEXT = defineMessages({
  pageOf: { 'zh-CN': '第 {page} 页 共 {pages} 页', en: 'Page {page} of {pages}' },
});

/** How the contract's own fixed lines read in its language (the draft's words live in src-shared/drafting). */
export const LAYOUT_TEXT = defineMessages({
  labelled: { 'zh-CN': '{label}：{value}', en: '{label}: {value}' },
  /** After an article number, before its heading: a full-width space in Chinese. */
  numbered: { 'zh-CN': '{number}\u3000{text}', en: '{number}  {text}' },
  /** A sub-clause or item number before its text: （一）甲方… / 2.1 The Client… */
  clauseNumber: { 'zh-CN': '{number}{text}', en: '{number} {text}' },
  signatureLine: { 'zh-CN': '{label}：', en: '{label}:' },
  redlineTitle: { 'zh-CN': '修订对照：{title}', en: 'Redline: {title}' },
  redlineVersions: { 'zh-CN': '由“{from}”至“{to}”', en: 'From “{from}” to “{to}”' },
  redlineLegend: {
    'zh-CN': '图例：带下划线的绿色文字为新增，带删除线的红色文字为删除，蓝色为移动。',
    en: 'Key: green underlined text is inserted, red struck-through text is deleted, blue is moved.',
  },
  movedFrom: { 'zh-CN': '〔自{from}移至此处〕', en: '[moved here from {from}]' },
  movedTo: { 'zh-CN': '〔已移至{to}〕', en: '[moved to {to}]' },
  changeNumber: { 'zh-CN': '〔{n}〕', en: '[{n}]' },
});
