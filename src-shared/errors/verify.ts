import type { ErrorTable } from './catalog.js';

/** Errors of the verify capability. Codes are stable: never rename one that has shipped. */
export const verifyErrors = {
  VERIFY_TIME_LIMIT: {
    en: 'Verification was stopped after {seconds} seconds: the document is too complex to check in reasonable time. No result was produced.',
    zh: '验证已在 {seconds} 秒后中止：该文档过于复杂，无法在合理时间内完成核验，未出具验证结果。',
  },
  VERIFY_NO_SUCH_SIGNATURE: {
    en: 'The document has no signature number {index}; it has {count}.',
    zh: '该文档没有第 {index} 个签名；文档共有 {count} 个签名。',
  },
  VERIFY_SIGNED_VERSION_UNAVAILABLE: {
    en: 'The version covered by signature {index} cannot be extracted: {reason}',
    zh: '无法提取第 {index} 个签名所覆盖的文档版本：{reason}',
  },
} as const satisfies ErrorTable;
