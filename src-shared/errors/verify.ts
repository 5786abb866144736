import { defineMessages } from '../i18n/index.js';

/** Errors of the verify capability. Codes are stable: never rename one that has shipped. */
export const verifyErrors = defineMessages({
  VERIFY_TIME_LIMIT: {
    en: 'Verification was stopped after {seconds} seconds: the document is too complex to check in reasonable time. No result was produced.',
    'zh-CN': '验证已在 {seconds} 秒后中止：该文档过于复杂，无法在合理时间内完成核验，未出具验证结果。',
  },
  VERIFY_NO_SUCH_SIGNATURE: {
    en: 'The document has no signature number {index}; it has {count}.',
    'zh-CN': '该文档没有第 {index} 个签名；文档共有 {count} 个签名。',
  },
  VERIFY_SIGNED_VERSION_UNAVAILABLE: {
    en: 'The version covered by signature {index} cannot be extracted: {reason}',
    'zh-CN': '无法提取第 {index} 个签名所覆盖的文档版本：{reason}',
  },
  VERIFY_TRUST_NOT_A_CERTIFICATE: {
    en: '“{name}” is not a certificate Inkstone can read (PEM or DER X.509 expected): {reason}',
    'zh-CN': '“{name}”不是可读取的数字证书（应为 PEM 或 DER 格式的 X.509 证书）：{reason}',
  },
  VERIFY_TRUST_NOT_A_CA: {
    en: '“{name}” holds the certificate of {subject}, which is not a certification authority. Only CA certificates can be trusted; trusting a signer’s own certificate would vouch for nothing else.',
    'zh-CN': '“{name}”中的证书属于 {subject}，它不是证书颁发机构（CA）。只能信任 CA 证书；信任签署人本人的证书无法证明任何其他签名。',
  },
  VERIFY_TRUST_TOO_MANY: {
    en: '“{name}” holds {count} certificates; at most {limit} can be imported at once.',
    'zh-CN': '“{name}”中含有 {count} 个证书，一次最多只能导入 {limit} 个。',
  },
  VERIFY_TRUST_NOT_FOUND: {
    en: 'No trusted certificate has the fingerprint {sha256}; it may have been removed already.',
    'zh-CN': '没有指纹为 {sha256} 的受信任证书，可能已被移除。',
  },
});
