import { defineMessages } from '../i18n/index.js';

/** Errors of batch signing in the app (issue 9). Codes are stable: never rename one that has shipped. */
export const signingBatchErrors = defineMessages({
  SIGNING_BATCH_NO_DOCUMENT: {
    en: '“{title}” has no document to sign yet; import its PDF first.',
    'zh-CN': '《{title}》还没有可签署的文件，请先导入其 PDF。',
  },
  SIGNING_BATCH_TWICE: {
    en: 'The same document is listed twice in this batch; each document is signed once per batch.',
    'zh-CN': '同一文件在本批次中出现了两次；每份文件在一个批次中只签署一次。',
  },
  SIGNING_BATCH_NOT_FOUND: {
    en: 'This batch signing is no longer known (the app was restarted); start a new batch from the library.',
    'zh-CN': '找不到该批量签署（应用已重新启动），请从合同库重新开始批量签署。',
  },
  SIGNING_BATCH_NOTHING_TO_RETRY: {
    en: 'Every document of this batch is already signed; there is nothing to retry.',
    'zh-CN': '本批次的文件均已签署，无需重试。',
  },
  SIGNING_BATCH_BUSY: {
    en: 'This batch is still signing; wait for it to finish before retrying.',
    'zh-CN': '本批次仍在签署中，请待其完成后再重试。',
  },
});
