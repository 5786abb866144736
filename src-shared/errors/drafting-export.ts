import { defineMessages } from '../i18n/index.js';

/** Errors of exporting drafts (PDF, DOCX), importing DOCX and comparing versions. Codes are stable. */
export const draftingExportErrors = defineMessages({
  DRAFT_EXPORT_MISSING_GLYPHS: {
    en: 'The PDF cannot be made: the built-in typeface has no shape for these characters: {characters}. Replace them (e.g. with a common variant) and export again.',
    'zh-CN': '无法生成 PDF：内置字体缺少以下字符：{characters}。请替换这些字符（例如改用常用写法）后重新导出。',
  },
  DOCX_NOT_DOCX: {
    en: '“{name}” is not a Word document (.docx).',
    'zh-CN': '“{name}”不是 Word 文档（.docx）。',
  },
  DOCX_CORRUPT: {
    en: '“{name}” is damaged and cannot be read: {reason}',
    'zh-CN': '“{name}”已损坏，无法读取：{reason}',
  },
  DOCX_MISSING_PART: {
    en: '“{name}” lacks a part every Word document has ({part}); it cannot be read.',
    'zh-CN': '“{name}”缺少 Word 文档必备的部分（{part}），无法读取。',
  },
  DOCX_LIMIT_EXCEEDED: {
    en: '“{name}” exceeds a safety limit when unpacked ({limit}: more than {max}). It may be damaged or built to exhaust the computer; nothing was imported.',
    'zh-CN': '解压“{name}”时超出安全限制（{limit}：超过 {max}）。该文件可能已损坏或被刻意构造以耗尽资源，未导入任何内容。',
  },
  DOCX_UNSAFE_XML: {
    en: '“{name}” contains a document type declaration ({part}), which Word documents never need and which can be used to exhaust the computer; nothing was imported.',
    'zh-CN': '“{name}”含有文档类型声明（{part}）。Word 文档不需要此类声明，它可被用来耗尽资源；未导入任何内容。',
  },
  DRAFT_REDLINE_SAME_VERSION: {
    en: 'Choose two different versions to compare.',
    'zh-CN': '请选择两个不同的版本进行比较。',
  },
});
