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
  CONTRACT_NOT_SIGNED: {
    en: 'The contract cannot be marked signed: not every party’s signature is present and valid. Sign it, or import the signed copy.',
    'zh-CN': '不能将合同标记为“已签署”：并非每一方的签名都已存在且有效。请先签署，或导入已签署的文件。',
  },
  IMPORT_EMPTY_FILE: { en: '“{name}” is empty.', 'zh-CN': '“{name}”是空文件。' },
  IMPORT_NOT_PDF: { en: '“{name}” is not a PDF file.', 'zh-CN': '“{name}”不是 PDF 文件。' },
  IMPORT_ENCRYPTED_PDF: {
    en: '“{name}” is password-protected. Remove the password, then import it again.',
    'zh-CN': '“{name}”受密码保护。请先解除密码，再重新导入。',
  },
  IMPORT_CORRUPT_PDF: { en: '“{name}” is damaged and cannot be read: {reason}', 'zh-CN': '“{name}”已损坏，无法读取：{reason}' },
  IMPORT_PDF_LIMIT_EXCEEDED: {
    en: '“{name}” exceeds a safety limit when read ({limit}: more than {max}). It may be damaged or built to exhaust the computer; it was not imported.',
    'zh-CN': '读取“{name}”时超出安全限制（{limit}：超过 {max}）。该文件可能已损坏或被刻意构造以耗尽资源，未予导入。',
  },
  IMPORT_PDF_TIME_LIMIT: {
    en: '“{name}” took longer than {seconds} s to read. It may be damaged or built to exhaust the computer; it was not imported.',
    'zh-CN': '读取“{name}”超过 {seconds} 秒。该文件可能已损坏或被刻意构造以耗尽资源，未予导入。',
  },
  IMPORT_PDF_MEMORY_LIMIT: {
    en: '“{name}” needed more than {mb} MB of memory to read. It may be damaged or built to exhaust the computer; it was not imported.',
    'zh-CN': '读取“{name}”需要超过 {mb} MB 内存。该文件可能已损坏或被刻意构造以耗尽资源，未予导入。',
  },
  IMPORT_TOO_LARGE: { en: '“{name}” is larger than {limitMb} MB.', 'zh-CN': '“{name}”超过 {limitMb} MB。' },
  DATA_DIR_UNAVAILABLE: { en: 'The data folder {path} cannot be used: {reason}', 'zh-CN': '无法使用数据文件夹 {path}：{reason}' },
  DATABASE_NEWER_THAN_APP: {
    en: 'The library was created by a newer Inkstone (schema {found}, this version knows {known}). Update Inkstone.',
    'zh-CN': '该合同库由更新版本的 Inkstone 创建（结构版本 {found}，本版本支持 {known}）。请升级 Inkstone。',
  },
  AUDIT_CHAIN_BROKEN: { en: 'The audit trail was altered at entry {seq}.', 'zh-CN': '审计记录在第 {seq} 条处被篡改。' },
});
