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
