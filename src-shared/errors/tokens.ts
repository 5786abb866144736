import { defineMessages } from '../i18n/index.js';

/** Errors of the tokens capability. Codes are stable: never rename one that has shipped. */
export const tokensErrors = defineMessages({
  TOKEN_MODULE_LOAD_FAILED: {
    en: 'The token driver (PKCS#11 module) {path} could not be loaded: {reason}',
    'zh-CN': '无法加载 USB Key 驱动程序（PKCS#11 模块）{path}：{reason}',
  },
  TOKEN_NOT_FOUND: {
    en: 'No connected token matches “{token}”. Check that it is plugged in.',
    'zh-CN': '未找到与“{token}”匹配的 USB Key，请确认已插入。',
  },
  TOKEN_AMBIGUOUS: {
    en: '{count} connected tokens match “{token}”. Choose one by its serial number.',
    'zh-CN': '有 {count} 个已连接的 USB Key 与“{token}”匹配，请按序列号指定其中一个。',
  },
  TOKEN_KEY_NOT_FOUND: {
    en: '“{token}” holds no signing key matching “{key}”.',
    'zh-CN': '“{token}”中没有与“{key}”匹配的签名密钥。',
  },
  TOKEN_KEY_AMBIGUOUS: {
    en: '“{token}” holds {count} signing keys. Choose the one to sign with.',
    'zh-CN': '“{token}”中有 {count} 个签名密钥，请指定要使用的一个。',
  },
  TOKEN_KEY_CANNOT_SIGN: {
    en: 'The key “{key}” on “{token}” is not permitted to sign (it may be an encryption key).',
    'zh-CN': '“{token}”中的密钥“{key}”不允许用于签名（可能是加密密钥）。',
  },
  TOKEN_CERTIFICATE_MISSING: {
    en: 'The key “{key}” on “{token}” has no certificate beside it. Import the certificate issued for this key first.',
    'zh-CN': '“{token}”中的密钥“{key}”没有对应的证书，请先导入为该密钥签发的证书。',
  },
  TOKEN_CERTIFICATE_KEY_MISMATCH: {
    en: 'The certificate stored with key “{key}” on “{token}” belongs to a different key.',
    'zh-CN': '“{token}”中与密钥“{key}”存放在一起的证书属于另一把密钥，二者不匹配。',
  },
  TOKEN_KEY_ALGORITHM_UNSUPPORTED: {
    en: 'Keys of type {algorithm} are not supported. Use an RSA key or an ECDSA key on P-256, P-384 or P-521.',
    'zh-CN': '不支持 {algorithm} 类型的密钥，请使用 RSA 密钥或 P-256、P-384、P-521 曲线的 ECDSA 密钥。',
  },
  TOKEN_PIN_INCORRECT: {
    en: 'The PIN for “{token}” is incorrect. Nothing was retried: check the PIN before trying again, because the token locks after too many wrong entries.',
    'zh-CN': '“{token}”的 PIN 码错误。系统未自动重试；请核对后再试，多次输错将导致 USB Key 被锁定。',
  },
  TOKEN_PIN_LOCKED: {
    en: 'The PIN of “{token}” is locked after too many wrong entries. Ask the certificate authority or your administrator to unlock it.',
    'zh-CN': '“{token}”的 PIN 码因输错次数过多已被锁定，请联系证书颁发机构或管理员解锁。',
  },
  TOKEN_PIN_LEN_RANGE: {
    en: 'The PIN for “{token}” must be {min} to {max} characters long.',
    'zh-CN': '“{token}”的 PIN 码长度应为 {min} 至 {max} 位。',
  },
  TOKEN_PIN_EXPIRED: {
    en: 'The PIN of “{token}” has expired. Change it with the token’s own management tool first.',
    'zh-CN': '“{token}”的 PIN 码已过期，请先使用 USB Key 自带的管理工具修改 PIN 码。',
  },
  TOKEN_PIN_REQUIRED: {
    en: '“{token}” needs its PIN to use the key “{key}”.',
    'zh-CN': '使用“{token}”中的密钥“{key}”需要输入 PIN 码。',
  },
  TOKEN_USER_CANCELLED: {
    en: 'PIN entry for “{token}” was cancelled. Nothing was signed.',
    'zh-CN': '已取消“{token}”的 PIN 码输入，未进行签署。',
  },
  TOKEN_REMOVED: {
    en: '“{token}” was removed or stopped responding. Reconnect it and sign again.',
    'zh-CN': '“{token}”已被拔出或无响应，请重新插入后再签署。',
  },
  TOKEN_MECHANISM_UNSUPPORTED: {
    en: '“{token}” cannot sign with {mechanism}.',
    'zh-CN': '“{token}”不支持 {mechanism} 签名算法。',
  },
  TOKEN_SCHEME_MISMATCH: {
    en: 'A {keyAlgorithm} key cannot make {scheme} signatures.',
    'zh-CN': '{keyAlgorithm} 密钥不能生成 {scheme} 签名。',
  },
  TOKEN_SIGNER_CLOSED: {
    en: 'This signing key has already been closed. Open it again to sign.',
    'zh-CN': '该签名密钥已关闭，请重新打开后再签署。',
  },
  TOKEN_ERROR: {
    en: '“{token}” reported {ckr} during {operation}.',
    'zh-CN': '“{token}”在执行 {operation} 时返回错误 {ckr}。',
  },
  TOKEN_PKCS12_PASSWORD_INCORRECT: {
    en: 'The password for the certificate file “{file}” is incorrect.',
    'zh-CN': '证书文件“{file}”的密码错误。',
  },
  TOKEN_PKCS12_INVALID: {
    en: '“{file}” is not a readable PKCS#12 (.p12/.pfx) certificate file: {reason}',
    'zh-CN': '“{file}”不是可读取的 PKCS#12（.p12/.pfx）证书文件：{reason}',
  },
  TOKEN_PKCS12_UNSUPPORTED: {
    en: '“{file}” is protected in a way Inkstone cannot read ({reason}). Export it again with AES-256 encryption.',
    'zh-CN': '“{file}”采用了 Inkstone 无法读取的保护方式（{reason}），请以 AES-256 加密方式重新导出。',
  },
});
