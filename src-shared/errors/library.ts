import { defineMessages } from '../i18n/index.js';

/** Errors of the contract library. Codes are stable: never rename one that has shipped. */
export const libraryErrors = defineMessages({
  CONTRACT_NOT_FOUND: { en: 'The contract {id} does not exist.', 'zh-CN': '合同 {id} 不存在。' },
  PARTY_NOT_FOUND: { en: 'The party {id} is not on this contract.', 'zh-CN': '该合同中没有当事人 {id}。' },
  VERSION_NOT_FOUND: { en: 'The document version {id} does not exist.', 'zh-CN': '文档版本 {id} 不存在。' },
  CONTRACT_STATUS_TRANSITION: {
    en: 'A contract cannot go from “{from}” to “{to}”.',
    'zh-CN': '合同状态不能从“{from}”变更为“{to}”。',
  },
  IMPORT_EMPTY_FILE: { en: '“{name}” is empty.', 'zh-CN': '“{name}”是空文件。' },
  IMPORT_NOT_PDF: { en: '“{name}” is not a PDF file.', 'zh-CN': '“{name}”不是 PDF 文件。' },
  IMPORT_ENCRYPTED_PDF: {
    en: '“{name}” is password-protected. Remove the password, then import it again.',
    'zh-CN': '“{name}”受密码保护。请先解除密码，再重新导入。',
  },
  IMPORT_CORRUPT_PDF: { en: '“{name}” is damaged and cannot be read: {reason}', 'zh-CN': '“{name}”已损坏，无法读取：{reason}' },
  IMPORT_TOO_LARGE: { en: '“{name}” is larger than {limitMb} MB.', 'zh-CN': '“{name}”超过 {limitMb} MB。' },
  DATA_DIR_UNAVAILABLE: { en: 'The data folder {path} cannot be used: {reason}', 'zh-CN': '无法使用数据文件夹 {path}：{reason}' },
  DATABASE_NEWER_THAN_APP: {
    en: 'The library was created by a newer Inkstone (schema {found}, this version knows {known}). Update Inkstone.',
    'zh-CN': '该合同库由更新版本的 Inkstone 创建（结构版本 {found}，本版本支持 {known}）。请升级 Inkstone。',
  },
  AUDIT_CHAIN_BROKEN: { en: 'The audit trail was altered at entry {seq}.', 'zh-CN': '审计记录在第 {seq} 条处被篡改。' },
});
