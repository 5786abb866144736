import type { ErrorTable } from './catalog.js';

/** Errors any operation can raise: transport, validation and the unexpected. */
export const commonErrors = {
  INVALID_INPUT: { en: 'The request is not valid: {issues}', zh: '请求无效：{issues}' },
  UNKNOWN_OPERATION: { en: 'Unknown operation {operation}.', zh: '未知操作 {operation}。' },
  NOT_FOUND: { en: '{what} was not found.', zh: '未找到{what}。' },
  CANCELLED: { en: 'The operation was cancelled.', zh: '操作已取消。' },
  IO_ERROR: { en: 'A file could not be read or written: {reason}', zh: '文件读写失败：{reason}' },
  INTERNAL: { en: 'Something went wrong inside Inkstone. The operation was not completed.', zh: 'Inkstone 内部出错，操作未完成。' },
  USAGE: { en: 'Incorrect usage: {reason}', zh: '用法错误：{reason}' },
} as const satisfies ErrorTable;
