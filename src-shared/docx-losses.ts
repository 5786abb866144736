import type { LossKind } from './api/draft-files.js';
import { defineMessages } from './i18n/index.js';

/** What a DOCX import could not keep, told to the person in the app and in the terminal alike. */
export const DOCX_LOSS_TEXT = defineMessages({
  image: { 'zh-CN': '图片 {count} 张', en: '{count} image(s)' },
  footnote: { 'zh-CN': '脚注或尾注 {count} 处', en: '{count} footnote(s) or endnote(s)' },
  comment: { 'zh-CN': '批注 {count} 条', en: '{count} comment(s)' },
  strikethrough: { 'zh-CN': '删除线格式 {count} 处（文字保留）', en: 'strikethrough on {count} run(s) (the text is kept)' },
  hyperlink: { 'zh-CN': '超链接 {count} 个（文字保留）', en: '{count} hyperlink(s) (the text is kept)' },
  nestedTable: { 'zh-CN': '表格中嵌套的表格 {count} 个', en: '{count} table(s) nested in a table' },
  bullet: { 'zh-CN': '项目符号 {count} 处（文字保留为段落）', en: '{count} bullet(s) (kept as paragraphs)' },
  headerFooter: { 'zh-CN': '页眉页脚 {count} 个', en: '{count} header(s) and footer(s)' },
  embeddedObject: { 'zh-CN': '嵌入对象 {count} 个', en: '{count} embedded object(s)' },
  other: { 'zh-CN': '其他内容 {count} 处', en: '{count} other element(s)' },
} satisfies Record<LossKind, unknown>);
