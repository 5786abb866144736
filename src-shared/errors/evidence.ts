import { defineMessages } from '../i18n/index.js';

/** Errors of the evidence capability. Codes are stable: never rename one that has shipped. */
export const evidenceErrors = defineMessages({
  // Receipt and log verification (the reasons `inkstone evidence verify` gives).
  EVIDENCE_RECEIPT_MALFORMED: { en: 'The evidence receipt cannot be read: {reason}', 'zh-CN': '存证回执无法读取：{reason}' },
  EVIDENCE_DOCUMENT_MISMATCH: {
    en: 'This file is not the document the receipt is about (its SHA-256 is {actual}, the receipt names {expected}).',
    'zh-CN': '该文件并非回执所对应的文件（其 SHA-256 为 {actual}，回执记载的是 {expected}）。',
  },
  EVIDENCE_COMMITMENT_MISMATCH: {
    en: 'The receipt was altered: its document hash and salt do not open the commitment recorded in the log.',
    'zh-CN': '回执已被篡改：其中的文件哈希与盐值无法与存证日志中记录的承诺值相符。',
  },
  EVIDENCE_LEAF_MISMATCH: {
    en: 'The receipt was altered: the leaf hash of entry {index} does not match its statement.',
    'zh-CN': '回执已被篡改：第 {index} 条记录的叶哈希与其存证声明不符。',
  },
  EVIDENCE_STATEMENT_INVALID: { en: 'The evidence statement is not valid: {reason}', 'zh-CN': '存证声明无效：{reason}' },
  EVIDENCE_NUMBER_INVALID: { en: '“{number}” is not a valid evidence number: {reason}', 'zh-CN': '“{number}”不是有效的存证编号：{reason}' },
  EVIDENCE_NUMBER_MISMATCH: {
    en: 'The receipt was altered: its evidence number {number} does not belong to this log entry (expected {expected}).',
    'zh-CN': '回执已被篡改：存证编号 {number} 与该日志记录不符（应为 {expected}）。',
  },
  EVIDENCE_PROOF_INVALID: {
    en: 'The inclusion proof does not lead from entry {index} to the signed root of the log at size {treeSize}.',
    'zh-CN': '包含性证明无法从第 {index} 条记录推导出日志在规模 {treeSize} 时经签名的根哈希。',
  },
  EVIDENCE_CONSISTENCY_INVALID: {
    en: 'The log “{origin}” showed a history at size {newSize} that does not extend the one it showed at size {oldSize}: the log has forked or was rewritten.',
    'zh-CN': '存证日志“{origin}”在规模 {newSize} 时呈现的历史与其在规模 {oldSize} 时呈现的历史不一致：日志已分叉或被改写。',
  },
  EVIDENCE_CHECKPOINT_MALFORMED: { en: 'The log checkpoint cannot be read: {reason}', 'zh-CN': '日志检查点无法读取：{reason}' },
  EVIDENCE_CHECKPOINT_SIGNATURE_INVALID: {
    en: 'The checkpoint of log “{origin}” at size {size} is not signed by the log’s key.',
    'zh-CN': '日志“{origin}”在规模 {size} 时的检查点并非由该日志的密钥签署。',
  },
  EVIDENCE_NOTE_MALFORMED: { en: 'The signed note cannot be read: {reason}', 'zh-CN': '签名记录无法读取：{reason}' },
  EVIDENCE_TIMESTAMP_INVALID: { en: 'The trusted timestamp over the checkpoint does not verify: {reason}', 'zh-CN': '检查点的可信时间戳验证未通过：{reason}' },
  EVIDENCE_LOG_KEY_UNTRUSTED: {
    en: 'The receipt is signed by a log key you do not trust (log “{origin}”, key fingerprint {fingerprint}).',
    'zh-CN': '该回执由您未信任的日志密钥签署（日志“{origin}”，密钥指纹 {fingerprint}）。',
  },
  EVIDENCE_TSA_UNTRUSTED: {
    en: 'The timestamp chains to a root you do not trust: {root} (SHA-256 {fingerprint}).',
    'zh-CN': '时间戳所依赖的根证书未获您信任：{root}（SHA-256 {fingerprint}）。',
  },

  // Service requests.
  EVIDENCE_UNAUTHENTICATED: {
    en: 'Sign in to the evidence service: the API token is missing, unknown or revoked.',
    'zh-CN': '请先登录存证服务：API 令牌缺失、无法识别或已被吊销。',
  },
  EVIDENCE_FORBIDDEN: { en: 'Your role ({role}) may not {action}.', 'zh-CN': '您的角色（{role}）无权执行“{action}”。' },
  EVIDENCE_RATE_LIMITED: { en: 'Too many requests. Try again in {retryAfterSeconds} s.', 'zh-CN': '请求过于频繁，请在 {retryAfterSeconds} 秒后重试。' },
  EVIDENCE_IDEMPOTENCY_MISMATCH: {
    en: 'The idempotency key “{key}” was already used for a different request.',
    'zh-CN': '幂等键“{key}”已用于另一项不同的请求。',
  },
  EVIDENCE_NOT_A_PDF: { en: 'The uploaded file is not a PDF.', 'zh-CN': '上传的文件不是 PDF 文件。' },
  EVIDENCE_UPLOAD_OFFSET_MISMATCH: {
    en: 'The upload is at byte {expected}, but the chunk starts at byte {actual}. Resume from byte {expected}.',
    'zh-CN': '上传进度为第 {expected} 字节，但该分块从第 {actual} 字节开始。请从第 {expected} 字节继续上传。',
  },
  EVIDENCE_UPLOAD_INCOMPLETE: {
    en: 'The upload holds {received} of {size} bytes; send the rest before completing it.',
    'zh-CN': '上传已接收 {size} 字节中的 {received} 字节；请先传完其余部分再完成上传。',
  },
  EVIDENCE_UPLOAD_HASH_MISMATCH: {
    en: 'The uploaded bytes do not match the announced SHA-256 (received {actual}, announced {expected}).',
    'zh-CN': '上传内容与事先声明的 SHA-256 不符（实际为 {actual}，声明为 {expected}）。',
  },
  EVIDENCE_PURPOSE_REQUIRED: {
    en: 'Say why you are opening this document (the X-Inkstone-Purpose header): every disclosure is recorded.',
    'zh-CN': '请说明查阅该文件的理由（X-Inkstone-Purpose 请求头）：每一次披露都会被记录。',
  },
  EVIDENCE_RETENTION_ACTIVE: {
    en: 'This document is under retention until {retainUntil} and cannot be deleted.',
    'zh-CN': '该文件处于法定保存期内（至 {retainUntil}），不得删除。',
  },
  EVIDENCE_LEGAL_HOLD: { en: 'This document is under legal hold and cannot be deleted.', 'zh-CN': '该文件处于诉讼保全（法律冻结）状态，不得删除。' },
  EVIDENCE_RECEIPT_PENDING: {
    en: 'Entry {evidenceNumber} is recorded but not yet in a signed checkpoint. Ask again shortly.',
    'zh-CN': '记录 {evidenceNumber} 已登记，但尚未纳入经签名的检查点，请稍后再试。',
  },
  EVIDENCE_TENANT_ENDED: {
    en: 'The evidence service for this organisation ended on {endedAt}; no new evidence can be submitted.',
    'zh-CN': '该机构的存证服务已于 {endedAt} 终止，不能再提交新的存证。',
  },
  EVIDENCE_SERVICE_UNAVAILABLE: { en: 'The evidence service at {url} cannot be reached: {reason}', 'zh-CN': '无法连接存证服务 {url}：{reason}' },
  EVIDENCE_SERVICE_ERROR: {
    en: 'The evidence service answered with an error (HTTP {status}): {message}',
    'zh-CN': '存证服务返回错误（HTTP {status}）：{message}',
  },
  EVIDENCE_SERVICE_STOPPING: { en: 'The evidence service is shutting down; retry the request.', 'zh-CN': '存证服务正在停止，请重试该请求。' },

  // Operating the service.
  EVIDENCE_CONFIG_INVALID: { en: 'The evidence service configuration is not valid: {reason}', 'zh-CN': '存证服务配置无效：{reason}' },
  EVIDENCE_DATA_DIR_LOCKED: {
    en: 'The data folder {dataDir} is in use by another evidence service (process {pid}).',
    'zh-CN': '数据文件夹 {dataDir} 正被另一个存证服务进程（{pid}）使用。',
  },
  EVIDENCE_SCHEMA_NEWER: {
    en: 'The evidence database was created by a newer service (schema {found}, this version knows {known}).',
    'zh-CN': '存证数据库由更新版本的服务创建（结构版本 {found}，本版本支持 {known}）。',
  },
  EVIDENCE_LOG_KEY_MISMATCH: {
    en: 'The log key in {keyDir} is not the key this log was created with. Refusing to start: a second key would fork the log.',
    'zh-CN': '{keyDir} 中的日志密钥并非创建该日志时所用的密钥。服务拒绝启动：使用另一把密钥会导致日志分叉。',
  },
  EVIDENCE_LOG_CORRUPT: { en: 'The evidence log storage is inconsistent: {reason}', 'zh-CN': '存证日志存储不一致：{reason}' },
  EVIDENCE_TIMESTAMP_FAILED: {
    en: 'The time-stamping authority {tsa} did not issue a valid timestamp: {reason}',
    'zh-CN': '时间戳服务机构 {tsa} 未能签发有效的时间戳：{reason}',
  },
});
