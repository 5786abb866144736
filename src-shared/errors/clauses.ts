import { defineMessages } from '../i18n/index.js';

/** Errors of the clause library (issue 10). Codes are stable. */
export const clausesErrors = defineMessages({
  CLAUSE_NOT_FOUND: { en: 'The clause {id} is not in the clause library.', 'zh-CN': '条款库中没有条款 {id}。' },
  CLAUSE_REVISION_NOT_FOUND: { en: 'The clause {id} has no revision {revision}.', 'zh-CN': '条款 {id} 没有第 {revision} 版。' },
  CLAUSE_CONTENT_INVALID: {
    en: 'The clause’s text does not fit the contract structure: {reason}',
    'zh-CN': '条款内容不符合合同结构：{reason}',
  },
  CLAUSE_EMPTY: { en: 'A clause needs some text.', 'zh-CN': '条款不能没有内容。' },
});
