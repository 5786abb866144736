import { defineMessages } from '../i18n/index.js';

/** Errors of templates and their variables (filling a draft from a template). Codes are stable. */
export const templatesErrors = defineMessages({
  VARIABLE_REQUIRED: { en: '“{label}” must be filled in.', 'zh-CN': '请填写“{label}”。' },
  VARIABLE_INVALID: { en: '“{label}” must be {expected}.', 'zh-CN': '“{label}”应为{expected}。' },
  VARIABLE_OUT_OF_RANGE: { en: '“{label}” must be between {min} and {max}.', 'zh-CN': '“{label}”应在 {min} 至 {max} 之间。' },
  VARIABLE_UNKNOWN: { en: 'The template has no variable “{key}”.', 'zh-CN': '模板中没有变量“{key}”。' },
  TEMPLATE_INVALID: { en: 'The template file cannot be used: {reason}', 'zh-CN': '模板文件无法使用：{reason}' },
  TEMPLATE_TOO_LARGE: { en: 'The template file is larger than {limit} bytes.', 'zh-CN': '模板文件超过 {limit} 字节。' },
  TEMPLATE_BUILT_IN: { en: 'Templates of the built-in gallery cannot be removed.', 'zh-CN': '内置模板不能删除。' },
});
