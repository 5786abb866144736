import { defineMessages } from '../i18n/index.js';

/** Errors any operation can raise: transport, validation and the unexpected. */
export const commonErrors = defineMessages({
  INVALID_INPUT: { en: 'The request is not valid: {issues}', 'zh-CN': '请求无效：{issues}' },
  UNKNOWN_OPERATION: { en: 'Unknown operation {operation}.', 'zh-CN': '未知操作 {operation}。' },
  NOT_FOUND: { en: '{what} was not found.', 'zh-CN': '未找到{what}。' },
  CANCELLED: { en: 'The operation was cancelled.', 'zh-CN': '操作已取消。' },
  IO_ERROR: { en: 'A file could not be read or written: {reason}', 'zh-CN': '文件读写失败：{reason}' },
  INTERNAL: { en: 'Something went wrong inside Inkstone. The operation was not completed.', 'zh-CN': 'Inkstone 内部出错，操作未完成。' },
  // Transport refusals (browser host): the request never reached the core.
  HOST_REJECTED: { en: 'Request refused: unexpected Host header.', 'zh-CN': '请求被拒绝：Host 头不符。' },
  ORIGIN_REJECTED: { en: 'Request refused: it came from another site.', 'zh-CN': '请求被拒绝：来源网站不受信任。' },
  TOKEN_REJECTED: { en: 'Request refused: missing or wrong access token.', 'zh-CN': '请求被拒绝：访问令牌缺失或错误。' },
  CONTENT_TYPE_REJECTED: { en: 'Request refused: JSON expected.', 'zh-CN': '请求被拒绝：需要 JSON 格式。' },
  METHOD_NOT_ALLOWED: { en: 'Request refused: method not allowed.', 'zh-CN': '请求被拒绝：不允许的请求方法。' },
  BODY_TOO_LARGE: { en: 'Request refused: too large.', 'zh-CN': '请求被拒绝：内容过大。' },
  TRANSFER_NOT_FOUND: {
    en: 'The file is no longer available (it was not used for 30 minutes, or Inkstone restarted). Choose it again.',
    'zh-CN': '该文件已不可用（30 分钟未使用，或 Inkstone 已重启）。请重新选择文件。',
  },
  TRANSFER_INCOMPLETE: {
    en: 'The file did not arrive completely ({received} of {expected} bytes). Try again.',
    'zh-CN': '文件未完整传输（已收到 {received} / {expected} 字节）。请重试。',
  },
  USAGE: { en: 'Incorrect usage: {reason}', 'zh-CN': '用法错误：{reason}' },
});
