import { defineMessages } from '../i18n/index.js';

/** Errors of syncing the library with the evidence service (issue 11). Codes are stable. */
export const syncErrors = defineMessages({
  SYNC_NOT_CONNECTED: {
    en: 'This library is not connected to an evidence service. Connect it in Settings → Evidence service (or inkstone sync connect).',
    'zh-CN': '本合同库尚未连接证据服务。请在“设置 → 证据服务”中连接（或运行 inkstone sync connect）。',
  },
  SYNC_LOG_KEY_CHANGED: {
    en: 'The evidence service at {url} now signs its log with a different key (fingerprint {found}, expected {pinned}). This can mean the service was replaced or tampered with; nothing was sent. Ask your administrator before reconnecting.',
    'zh-CN':
      '{url} 的证据服务现在用另一把密钥签署日志（指纹 {found}，应为 {pinned}）。这可能意味着服务被替换或篡改；未发送任何内容。请先联系管理员再重新连接。',
  },
  SYNC_DOCUMENT_MISMATCH: {
    en: 'The document {sha256} received from the evidence service does not have the bytes it was recorded with; it was not stored.',
    'zh-CN': '从证据服务收到的文件 {sha256} 与记录的内容不一致，未予保存。',
  },
  SYNC_TOKEN_INVALID: {
    en: 'This is not an evidence service token (they start with iev_). Ask your administrator for your personal token.',
    'zh-CN': '这不是证据服务令牌（令牌以 iev_ 开头）。请向管理员索取您的个人令牌。',
  },
  SYNC_SERVICE_URL_INVALID: {
    en: '“{url}” is not a service address: use https://… (or http:// on this computer only).',
    'zh-CN': '“{url}”不是有效的服务地址：请使用 https://…（仅本机可用 http://）。',
  },
  // Sync faults (issue 11): why a pass stopped; whatever waits in the outbox is sent by the next one.
  SYNC_SERVICE_FAILING: {
    en: 'The evidence service at {url} is failing (HTTP {status}). Nothing was lost: {pending} changes wait and are sent when it recovers.',
    'zh-CN': '{url} 的证据服务出现故障（HTTP {status}）。没有任何内容丢失：{pending} 项更改正在等待，服务恢复后即发送。',
  },
  SYNC_SERVICE_TOO_SLOW: {
    en: 'The evidence service at {url} did not answer within {seconds} s. Nothing was lost: {pending} changes wait and are sent at the next attempt.',
    'zh-CN': '{url} 的证据服务在 {seconds} 秒内未响应。没有任何内容丢失：{pending} 项更改正在等待，下次尝试时发送。',
  },
  SYNC_ACCESS_REVOKED: {
    en: 'The evidence service no longer accepts this desktop’s token (revoked or unknown). Nothing was lost: {pending} changes wait. Ask your administrator for a new token and connect again.',
    'zh-CN': '证据服务已不再接受本机的令牌（已吊销或无法识别）。没有任何内容丢失：{pending} 项更改正在等待。请向管理员索取新令牌后重新连接。',
  },
  // ── evidence receipts per version ──
  SYNC_RECEIPT_NOT_HELD: {
    en: 'This version has no evidence receipt here yet: it is kept once the version has synced and the service has signed a checkpoint covering it.',
    'zh-CN': '此版本在本机尚无存证回执：版本同步且证据服务签署了包含它的检查点后才会保存。',
  },
});
