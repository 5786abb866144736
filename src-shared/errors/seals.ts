import { defineMessages } from '../i18n/index.js';

/** Errors of the organisation profile and the seal library. Codes are stable: never rename one that has shipped. */
export const sealsErrors = defineMessages({
  SEAL_IMAGE_INVALID: {
    en: 'The seal image cannot be used: {reason}.',
    'zh-CN': '印章图片无法使用：{reason}。',
  },
  SEAL_SVG_INVALID: {
    en: 'The SVG file cannot be used as a seal: {reason}.',
    'zh-CN': '该 SVG 文件不能用作印章：{reason}。',
  },
  SEAL_SVG_ELEMENT_REFUSED: {
    en: 'The SVG file cannot be used as a seal: it contains <{element}>; a seal may hold only shapes, groups and colours.',
    'zh-CN': '该 SVG 文件不能用作印章：其中含有 <{element}> 元素；印章只能包含图形、分组和颜色。',
  },
  SEAL_SVG_ATTRIBUTE_REFUSED: {
    en: 'The SVG file cannot be used as a seal: <{element}> has a “{attribute}” attribute (scripts and links are not allowed).',
    'zh-CN': '该 SVG 文件不能用作印章：<{element}> 带有“{attribute}”属性（不允许脚本和链接）。',
  },
  SEAL_SVG_REFERENCE_REFUSED: {
    en: 'The SVG file cannot be used as a seal: “{attribute}” of <{element}> refers to another file or address.',
    'zh-CN': '该 SVG 文件不能用作印章：<{element}> 的“{attribute}”引用了其他文件或网址。',
  },
  SEAL_SVG_DECLARATION_REFUSED: {
    en: 'The SVG file cannot be used as a seal: it declares a DOCTYPE, entities or processing instructions, which are not allowed.',
    'zh-CN': '该 SVG 文件不能用作印章：其中含有 DOCTYPE、实体声明或处理指令，这些均不允许。',
  },
  SEAL_SVG_TEXT_REFUSED: {
    en: 'The SVG file cannot be used as a seal: it holds text. Convert the text to outlines (paths) in the drawing program, then import it again.',
    'zh-CN': '该 SVG 文件不能用作印章：其中含有文字。请在绘图软件中将文字转为轮廓（路径）后再导入。',
  },
  SEAL_FILE_TOO_LARGE: {
    en: 'The seal file is larger than {limit}.',
    'zh-CN': '印章文件超过 {limit}。',
  },
  SEAL_IMAGE_TOO_LARGE: {
    en: 'The image is {width} × {height} pixels; a seal image may be at most {max} pixels on a side.',
    'zh-CN': '图片为 {width} × {height} 像素；印章图片每边不超过 {max} 像素。',
  },
  SEAL_IMAGE_EMPTY: {
    en: 'Nothing is left of the image once its white background is removed.',
    'zh-CN': '去除白色背景后，图片中没有任何内容。',
  },
  SEAL_FILE_TYPE: {
    en: '{name} is neither a PNG nor an SVG file.',
    'zh-CN': '{name} 既不是 PNG 也不是 SVG 文件。',
  },
  SEAL_NOT_FOUND: {
    en: 'No seal or signature with id {id} is in the seal library.',
    'zh-CN': '印章库中没有编号为 {id} 的印章或签名。',
  },
  SEAL_DISABLED: {
    en: '“{name}” was disabled on {disabledAt} and can no longer be stamped.',
    'zh-CN': '“{name}”已于 {disabledAt} 停用，不能再用于盖章。',
  },
  SEAL_FILE_ALTERED: {
    en: 'The stored file of “{name}” was changed on disk; it is not stamped.',
    'zh-CN': '“{name}”在数据文件夹中的文件已被改动，不予盖章。',
  },
  ORGANISATION_PROFILE_MISSING: {
    en: 'A company seal is generated from the organisation profile: enter the organisation’s legal name in Settings first.',
    'zh-CN': '公司印章根据单位信息生成：请先在“设置”中填写单位的法定名称。',
  },
  SIGNATURE_TEXT_UNSUPPORTED: {
    en: 'The handwriting font has no glyph for “{characters}”.',
    'zh-CN': '手写字体中没有“{characters}”这些字。',
  },
});
