import { defineMessages } from '../i18n/index.js';

/** Errors of drafting (the contract editor's drafts and their versions). Codes are stable. */
export const draftingErrors = defineMessages({
  DRAFT_NOT_FOUND: { en: 'The contract {contractId} has no draft yet.', 'zh-CN': '合同 {contractId} 还没有草稿。' },
  DRAFT_EXISTS: { en: 'The contract {contractId} already has a draft.', 'zh-CN': '合同 {contractId} 已有草稿。' },
  DRAFT_UPDATE_INVALID: {
    en: 'A change to the draft could not be read and was not saved: {reason}',
    'zh-CN': '无法读取对草稿的修改，未予保存：{reason}',
  },
  DRAFT_TEMPLATE_NOT_FOUND: { en: 'There is no template named “{name}”.', 'zh-CN': '没有名为“{name}”的模板。' },
  DRAFT_DOCUMENT_INVALID: {
    en: 'The draft’s content does not fit the contract structure: {reason}',
    'zh-CN': '草稿内容不符合合同结构：{reason}',
  },
  DRAFT_VERSION_NOT_FOUND: { en: 'The draft version {id} does not exist.', 'zh-CN': '草稿版本 {id} 不存在。' },
});
