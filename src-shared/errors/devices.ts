import { defineMessages } from '../i18n/index.js';

/** Errors of the signing devices screen and its operations (devices.*). Codes are stable. */
export const devicesErrors = defineMessages({
  DEVICE_MODULE_NOT_RESPONDING: {
    en: 'The token driver {path} did not answer within {seconds} s. Unplug the USB key and plug it in again, or restart Inkstone.',
    'zh-CN': 'USB Key 驱动程序 {path} 在 {seconds} 秒内没有响应。请拔下 USB Key 后重新插入，或重新启动 Inkstone。',
  },
  DEVICE_FILE_NOT_FOUND: {
    en: 'There is no file at {path}.',
    'zh-CN': '{path} 处没有文件。',
  },
  DEVICE_PATH_NOT_ABSOLUTE: {
    en: '{path} is not a full path. Give the whole path, starting from the drive or from /.',
    'zh-CN': '{path} 不是完整路径，请填写从盘符或 / 开始的完整路径。',
  },
  DEVICE_NOT_REMEMBERED: {
    en: '{path} is not in the list of added modules and files.',
    'zh-CN': '{path} 不在已添加的模块和文件列表中。',
  },
  DEVICE_TOO_MANY: {
    en: 'At most {max} modules and {max} certificate files can be remembered. Remove one first.',
    'zh-CN': '最多可记住 {max} 个模块和 {max} 个证书文件，请先移除一个。',
  },
  DEVICE_CERTIFICATE_UNREADABLE: {
    en: 'Certificate {index} of the file is not a certificate Inkstone can read.',
    'zh-CN': '文件中的第 {index} 个证书无法读取。',
  },
  DEVICE_CERTIFICATE_FILE_EMPTY: {
    en: 'The file holds no certificate (PEM or DER expected).',
    'zh-CN': '文件中没有证书（应为 PEM 或 DER 格式）。',
  },
  DEVICE_SUBJECT_INVALID: {
    en: 'The certificate request needs {field}: {reason}',
    'zh-CN': '证书申请需要填写{field}：{reason}',
  },
});
