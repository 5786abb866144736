import { defineMessages } from '../i18n/index.js';

/** Errors of the signing capability. Codes are stable: never rename one that has shipped. */
export const signingErrors = defineMessages({
  SIGN_OUTPUT_EXISTS: {
    en: 'The output file {path} already exists. Signing never overwrites a file; choose another name.',
    'zh-CN': '输出文件 {path} 已存在。签署不会覆盖已有文件，请另选文件名。',
  },
  SIGN_OUTPUT_IS_INPUT: {
    en: 'The signed copy must be written to a new file, not over the original {path}.',
    'zh-CN': '签署后的文件必须另存为新文件，不能覆盖原文件 {path}。',
  },
  SIGN_TSA_REQUIRED: {
    en: 'Level {level} needs a trusted timestamp, but no timestamp server (TSA) was given.',
    'zh-CN': '{level} 级别需要可信时间戳，但未指定时间戳服务器（TSA）。',
  },
  SIGN_CERTIFICATE_REVOKED: {
    en: 'The certificate of {subject} was revoked on {revocationTime} ({reason}). It can no longer be used to sign.',
    'zh-CN': '{subject} 的数字证书已于 {revocationTime} 被吊销（{reason}），不能再用于签署。',
  },
  SIGN_VALIDATION_DATA_UNAVAILABLE: {
    en: 'The long-term validation data for {subject} could not be collected: {reason}. Nothing was written.',
    'zh-CN': '无法收集 {subject} 的长期验证数据：{reason}。文件未被写入。',
  },
  SIGN_DOCUMENT_LOCKED: {
    en: 'The document was certified with “no changes allowed”: adding a signature would invalidate the certification.',
    'zh-CN': '该文档已被认证为“不允许任何更改”，再添加签名将使认证失效。',
  },
  SIGN_CERTIFY_NOT_FIRST: {
    en: 'A certification signature must be the first signature of a document; this one already carries {count} signature(s).',
    'zh-CN': '认证签名必须是文档的第一个签名，而该文档已有 {count} 个签名。',
  },
  SIGN_PLACEMENT_INVALID: {
    en: 'The signature cannot be placed as asked: {reason}',
    'zh-CN': '无法按指定位置放置签名：{reason}',
  },
  SIGN_SEAL_IMAGE_INVALID: {
    en: 'The seal image cannot be used: {reason}. Use a PNG file (with a transparent background for a round seal).',
    'zh-CN': '印章图片无法使用：{reason}。请使用 PNG 图片（圆形印章请使用透明背景）。',
  },
  SIGN_NO_SIGNATURES: {
    en: 'The document carries no signature to extend.',
    'zh-CN': '该文档中没有可供升级的签名。',
  },
  SIGN_LEVEL_ALREADY_REACHED: {
    en: 'Every signature in the document already reaches level {level}; nothing was added.',
    'zh-CN': '文档中的所有签名均已达到 {level} 级别，未作任何添加。',
  },
  SIGN_SIGNATURE_UNREADABLE: {
    en: 'The existing signature “{field}” cannot be read ({reason}); its validation data cannot be added.',
    'zh-CN': '现有签名“{field}”无法读取（{reason}），无法为其添加验证数据。',
  },
});
