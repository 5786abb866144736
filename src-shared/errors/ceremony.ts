import { defineMessages } from '../i18n/index.js';

/** Errors of the signing ceremony in the app (issue 9). Codes are stable: never rename one that has shipped. */
export const ceremonyErrors = defineMessages({
  SIGNING_CONSENT_MISMATCH: {
    en: 'The confirmation that was ticked is not the one for this document and certificate. Open the signing dialog again.',
    'zh-CN': '所勾选的签署确认与该文档和证书不符，请重新打开签署对话框。',
  },
  SIGNING_KEY_CHANGED: {
    en: 'The key on “{token}” is not the one shown when you confirmed. Nothing was signed; open the signing dialog again.',
    'zh-CN': '“{token}”中的密钥与确认时显示的不一致，未进行签署。请重新打开签署对话框。',
  },
  SIGNING_VERSION_NOT_LATEST: {
    en: 'Version {number} is no longer the latest version of this document; sign the latest one.',
    'zh-CN': '第 {number} 版已不是该文档的最新版本，请签署最新版本。',
  },
  SIGNING_CROSS_PAGE_NO_SEAL: {
    en: 'The cross-page seal needs a seal from the seal library; choose one before signing.',
    'zh-CN': '骑缝章需要使用印章库中的印章，请先选择印章再签署。',
  },
  SIGNING_NOT_SIGNED: {
    en: 'The signed copy was not stored: {reason}',
    'zh-CN': '签署后的文件未能保存：{reason}',
  },
});
