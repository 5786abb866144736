import { defineMessages } from '../i18n/index.js';

/** Errors of saved placements (where a version will be stamped). Codes are stable: never rename one that has shipped. */
export const placementsErrors = defineMessages({
  PLACEMENT_PAGE_OUT_OF_RANGE: {
    en: 'A box is placed on page {page}, but the document has {count} pages.',
    'zh-CN': '有一个框放在第 {page} 页，但文档只有 {count} 页。',
  },
  PLACEMENT_OUTSIDE_PAGE: {
    en: 'A box on page {page} reaches outside the page.',
    'zh-CN': '第 {page} 页上的一个框超出了页面。',
  },
  PLACEMENT_DUPLICATE_ID: {
    en: 'Two boxes have the same id {id}.',
    'zh-CN': '两个框的编号相同：{id}。',
  },
  PLACEMENT_CROSS_PAGE_SEAL_INVALID: {
    en: 'The cross-page seal does not fit pages {first}–{last} of this {count}-page document.',
    'zh-CN': '骑缝章无法放在这份 {count} 页文档的第 {first}–{last} 页上。',
  },
  PLACEMENT_TEXT_NOT_FOUND: {
    en: '“{text}” was not found on the pages of this document, so no box can be placed beside it.',
    'zh-CN': '在该文档的页面中未找到“{text}”，无法在其旁边放置签章。',
  },
});
