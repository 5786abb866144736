import { defineMessages } from '../i18n/index.js';

/** Errors of upgrading offline signatures on sync (issue 11). Codes are stable. */
export const signatureUpgradeErrors = defineMessages({
  SIGNATURE_UPGRADE_NO_TSA: {
    en: 'No timestamp authority is available: the evidence service offers none and the organisation has not configured one. The offline signature stays at B-B until one is.',
    'zh-CN': '没有可用的时间戳服务：证据服务未提供，机构也未配置。离线签名保持 B-B 级，直到有可用的时间戳服务。',
  },
  SIGNATURE_UPGRADE_NOT_VERIFIED: {
    en: 'The upgraded copy of version {versionId} did not verify ({verdict}); it was not stored and the offline signature is unchanged.',
    'zh-CN': '版本 {versionId} 的升级副本未通过验证（{verdict}），未予保存，离线签名保持不变。',
  },
});
