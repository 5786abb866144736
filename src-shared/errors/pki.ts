import { defineMessages } from '../i18n/index.js';

/** Errors of the pki capability. Codes are stable: never rename one that has shipped. */
export const pkiErrors = defineMessages({
  // Reading certificates and trust anchors.
  PKI_CERT_MALFORMED: { en: 'The certificate cannot be read: {reason}', 'zh-CN': '数字证书无法读取：{reason}' },
  PKI_TRUST_FILE_INVALID: {
    en: 'The trusted certificate file {path} holds no readable certificate: {reason}',
    'zh-CN': '受信任证书文件 {path} 中没有可读取的证书：{reason}',
  },
  PKI_CERT_FILE_INVALID: {
    en: 'The certificate file {path} holds no readable certificate: {reason}',
    'zh-CN': '证书文件 {path} 中没有可读取的证书：{reason}',
  },

  // The signer's own certificate (the signer refuses to sign with these).
  PKI_CERT_EXPIRED: {
    en: 'The certificate of {subject} expired on {notAfter}; a signature made with it now would not be valid.',
    'zh-CN': '{subject} 的数字证书已于 {notAfter} 过期，现在用它签名将不具效力。',
  },
  PKI_CERT_NOT_YET_VALID: {
    en: 'The certificate of {subject} is only valid from {notBefore}; check the computer’s clock or wait until then.',
    'zh-CN': '{subject} 的数字证书自 {notBefore} 起才生效，请核对电脑时间或待生效后再签名。',
  },
  PKI_CERT_KEY_USAGE: {
    en: 'The certificate of {subject} is not issued for signing (its key usage is {keyUsage}; digital signature or non-repudiation is required).',
    'zh-CN': '{subject} 的数字证书并非签名用途证书（其密钥用法为 {keyUsage}，签名需要“数字签名”或“不可否认”用法）。',
  },

  // Algorithms and signature values.
  PKI_ALGORITHM_UNSUPPORTED: {
    en: 'The algorithm {algorithm} is not supported for {purpose}.',
    'zh-CN': '{purpose}不支持算法 {algorithm}。',
  },
  PKI_SIGNATURE_VALUE_INVALID: {
    en: 'The signature value returned by the key cannot be used: {reason}',
    'zh-CN': '密钥返回的签名值无法使用：{reason}',
  },
  PKI_KEY_MISMATCH: {
    en: 'The signing key does not belong to the certificate of {subject}.',
    'zh-CN': '签名密钥与 {subject} 的数字证书不匹配。',
  },

  // CMS signatures.
  PKI_CMS_MALFORMED: { en: 'The signature data (CMS) is damaged or not a signature: {reason}', 'zh-CN': '签名数据（CMS）已损坏或并非签名：{reason}' },

  // RFC 3161 timestamps.
  PKI_TSA_UNREACHABLE: {
    en: 'No timestamp server could be reached: {reasons}',
    'zh-CN': '无法连接任何时间戳服务器：{reasons}',
  },
  PKI_TSA_REJECTED: {
    en: 'The timestamp server {url} refused the request (status {status}{failure}).',
    'zh-CN': '时间戳服务器 {url} 拒绝了请求（状态 {status}{failure}）。',
  },
  PKI_TSA_RESPONSE_INVALID: {
    en: 'The timestamp from {url} cannot be trusted: {reason}',
    'zh-CN': '来自 {url} 的时间戳不可信：{reason}',
  },
  PKI_TIMESTAMP_MALFORMED: { en: 'The timestamp token cannot be read: {reason}', 'zh-CN': '时间戳令牌无法读取：{reason}' },
  PKI_TSA_CONFIGURATION: {
    en: 'The timestamp authority cannot start: {reason}',
    'zh-CN': '时间戳服务无法启动：{reason}',
  },

  // Revocation (OCSP and CRL).
  PKI_REVOCATION_OFFLINE: {
    en: 'No revocation information for {subject} is at hand, and fetching it online was not allowed.',
    'zh-CN': '手头没有 {subject} 的吊销状态信息，且未允许联网查询。',
  },
  PKI_REVOCATION_NO_SOURCE: {
    en: 'The certificate of {subject} names no OCSP responder or CRL location, so its revocation status cannot be checked.',
    'zh-CN': '{subject} 的数字证书未载明 OCSP 服务地址或 CRL 发布点，无法查询其吊销状态。',
  },
  PKI_OCSP_UNREACHABLE: {
    en: 'The OCSP responder {url} could not be reached: {reason}',
    'zh-CN': '无法连接 OCSP 证书状态服务 {url}：{reason}',
  },
  PKI_OCSP_REJECTED: {
    en: 'The OCSP responder {url} did not answer (status {status}).',
    'zh-CN': 'OCSP 证书状态服务 {url} 未给出答复（状态 {status}）。',
  },
  PKI_OCSP_RESPONSE_INVALID: {
    en: 'The OCSP response cannot be trusted: {reason}',
    'zh-CN': 'OCSP 证书状态响应不可信：{reason}',
  },
  PKI_CRL_UNREACHABLE: {
    en: 'The certificate revocation list at {url} could not be downloaded: {reason}',
    'zh-CN': '无法下载位于 {url} 的证书吊销列表（CRL）：{reason}',
  },
  PKI_CRL_INVALID: {
    en: 'The certificate revocation list cannot be trusted: {reason}',
    'zh-CN': '证书吊销列表（CRL）不可信：{reason}',
  },
});
