import { defineMessages } from '../i18n/index.js';

/** Errors of the pdf capability. Codes are stable: never rename one that has shipped. */
export const pdfErrors = defineMessages({
  PDF_NOT_A_PDF: {
    en: 'This file is not a PDF document.',
    'zh-CN': '该文件不是 PDF 文档。',
  },
  PDF_CORRUPT: {
    en: 'The PDF file is damaged and cannot be read reliably.',
    'zh-CN': '该 PDF 文件已损坏，无法可靠读取。',
  },
  PDF_ENCRYPTED: {
    en: 'The PDF is encrypted or password-protected. Remove the protection before signing or verifying it.',
    'zh-CN': '该 PDF 已加密或设有密码保护。请先解除保护，再进行签署或验证。',
  },
  PDF_LIMIT_EXCEEDED: {
    en: 'The PDF exceeds a safety limit ({limit}: more than {max}). It was not processed.',
    'zh-CN': '该 PDF 超出安全限制（{limit}：超过 {max}），未予处理。',
  },
  PDF_UNSUPPORTED_FILTER: {
    en: 'The PDF uses a stream encoding Inkstone cannot decode ({filter}).',
    'zh-CN': '该 PDF 使用了 Inkstone 无法解码的数据流编码（{filter}）。',
  },
  PDF_NO_SUCH_PAGE: {
    en: 'Page {page} does not exist; the document has {pageCount} pages.',
    'zh-CN': '第 {page} 页不存在；该文档共 {pageCount} 页。',
  },
  PDF_FIELD_NOT_SIGNATURE: {
    en: 'The form field "{name}" exists but is not a signature field.',
    'zh-CN': '表单域“{name}”已存在，但不是签名域。',
  },
  PDF_FIELD_ALREADY_SIGNED: {
    en: 'The signature field "{name}" has already been signed.',
    'zh-CN': '签名域“{name}”已经签署，不能再次签署。',
  },
  PDF_ALREADY_CERTIFIED: {
    en: 'The document already carries a certification signature; it cannot be certified again.',
    'zh-CN': '该文档已有认证签名，不能再次认证。',
  },
  PDF_PLACEHOLDER_TOO_SMALL: {
    en: 'The space reserved for the signature is too small: {needed} bytes are needed but only {available} were reserved. Nothing was written; sign again with a larger reservation.',
    'zh-CN': '为签名预留的空间不足：需要 {needed} 字节，仅预留了 {available} 字节。文件未被写入，请加大预留空间后重新签署。',
  },
});
