import { defineMessages } from '../i18n/index.js';

/** Errors of upgrading offline signatures on sync, and of the app's keychain for the service token (issue 11). Codes are stable. */
export const signatureUpgradeErrors = defineMessages({
  SIGNATURE_UPGRADE_NO_TSA: {
    en: 'No timestamp authority is available: the evidence service offers none and the organisation has not configured one. The offline signature stays at B-B until one is.',
    'zh-CN': '没有可用的时间戳服务：证据服务未提供，机构也未配置。离线签名保持 B-B 级，直到有可用的时间戳服务。',
  },
  SIGNATURE_UPGRADE_NOT_VERIFIED: {
    en: 'The upgraded copy of version {versionId} did not verify ({verdict}); it was not stored and the offline signature is unchanged.',
    'zh-CN': '版本 {versionId} 的升级副本未通过验证（{verdict}），未予保存，离线签名保持不变。',
  },
  SYNC_KEYCHAIN_FAILED: {
    en: 'The evidence service token could not be kept in this computer’s keychain ({reason}). Nothing was stored; connect again once the keychain is unlocked.',
    'zh-CN': '无法将证据服务令牌保存到本机钥匙串（{reason}）。未保存任何内容；请在钥匙串解锁后重新连接。',
  },
});
