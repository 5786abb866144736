import { defineMessages } from '../../../src-shared/i18n/index.js';

/** Words the exported documents print on every page. */
export const EXPORT_TEXT = defineMessages({
  pageOf: { 'zh-CN': '第 {page} 页 共 {pages} 页', en: 'Page {page} of {pages}' },
});
