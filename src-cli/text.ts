import { defineMessages } from '../src-shared/i18n/index.js';

/** What the terminal commands say besides error texts (the convention is in src-shared/i18n). */
export const CLI_TEXT = defineMessages({
  // --- drafting (issue 10) ---
  draftCreated: { en: 'Draft started: {title} (contract {contractId})', 'zh-CN': '已开始起草：{title}（合同 {contractId}）' },
  draftVersionLine: { en: 'v{number}  {name}  {at}', 'zh-CN': 'v{number}  {name}  {at}' },
  draftAutomatic: { en: '(automatic)', 'zh-CN': '（自动保存）' },
  // --- clause library (issue 10) ---
  clauseLine: {
    en: '{id}  r{revision}  {position}  {language}  {title}  [{tags}]',
    'zh-CN': '{id}  第{revision}版  {position}  {language}  {title}  [{tags}]',
  },
  clausePositionStandard: { en: 'standard', 'zh-CN': '标准条款' },
  clausePositionFallback: { en: 'fallback', 'zh-CN': '备选条款' },
  clausesNone: { en: 'No clauses found.', 'zh-CN': '没有找到条款。' },
  clauseAdded: { en: 'Clause saved: {title} ({id})', 'zh-CN': '已保存条款：{title}（{id}）' },
  clauseVariables: { en: 'Variables: {keys}', 'zh-CN': '变量：{keys}' },
  clauseUses: { en: 'Used in {count} insertion(s):', 'zh-CN': '已插入 {count} 次：' },
  // Signing devices (issue 9): tokens csr / import-cert
  csrWritten: {
    en: 'Key {keyId} made on the token; certificate request written to {out}\n',
    'zh-CN': '已在 USB Key 中生成密钥 {keyId}；证书申请已写入 {out}\n',
  },
  certificatesStored: { en: '{stored} certificate(s) stored beside key {keyId}\n', 'zh-CN': '已在密钥 {keyId} 旁存入 {stored} 个证书\n' },
  // --- drafting: export, import and redlines ---
  draftPdfWritten: {
    en: 'PDF written to {file}: version {number} of the contract’s document, {fields} empty signature field(s).',
    'zh-CN': 'PDF 已写入 {file}：合同文档的第 {number} 版，含 {fields} 个空白签名域。',
  },
  draftDocxWritten: { en: 'DOCX written to {file}.', 'zh-CN': 'DOCX 已写入 {file}。' },
  draftImported: { en: 'Imported into the draft of contract {contractId} (version {version}).', 'zh-CN': '已导入合同 {contractId} 的草稿（版本 {version}）。' },
  draftImportLost: { en: 'Not kept: {what}', 'zh-CN': '未保留：{what}' },
  draftRedlineSummary: { en: '{changes} change(s) between the two versions.', 'zh-CN': '两个版本之间共有 {changes} 处修改。' },
  draftRedlineWritten: { en: 'Redline PDF written to {file}.', 'zh-CN': '修订对照 PDF 已写入 {file}。' },
  importSummary: {
    en: '{imported} imported · {duplicates} already present · {failed} failed',
    'zh-CN': '已导入 {imported} 个 · 已在库中 {duplicates} 个 · 失败 {failed} 个',
  },
  signStopping: { en: 'Stopping after the current document.', 'zh-CN': '正在停止：当前文件签完后结束。' },
  signBatchSummary: {
    en: '{signed} signed, {failed} failed, {cancelled} cancelled.',
    'zh-CN': '已签署 {signed} 份，失败 {failed} 份，取消 {cancelled} 份。',
  },
  signedRecord: {
    en: 'Signed: {path}\n  Signer: {signer}\n  Level: PAdES {level} ({algorithm})\n  Time: {time}{timeSource}\n  SHA-256: {sha256}\n',
    'zh-CN': '已签署：{path}\n  签署人：{signer}\n  级别：PAdES {level}（{algorithm}）\n  时间：{time}{timeSource}\n  SHA-256：{sha256}\n',
  },
  timeFromTimestamp: { en: ' (trusted timestamp)', 'zh-CN': '（可信时间戳）' },
  timeFromClock: { en: ' (this computer’s clock)', 'zh-CN': '（本机时间）' },
  softwareKeyNote: {
    en: '  Note: the key came from a PKCS#12 file, which can be copied; it is not a signing device.\n',
    'zh-CN': '  注意：密钥来自可复制的 PKCS#12 文件，不是专用签名设备。\n',
  },
  chainIncompleteNote: {
    en: '  Note: the certificate chain is incomplete ({problem}). Validators that trust only the root may not recognise the signer; import the intermediate CA with `inkstone trust import` or pass it with --chain-certs.\n',
    'zh-CN':
      '  注意：证书链不完整（{problem}）。只信任根证书的验证程序可能无法确认签署人；请用 inkstone trust import 导入中间 CA 证书，或以 --chain-certs 指定。\n',
  },
  extendedRecord: {
    en: 'Extended to {level}: {path}\n  {signatures} existing signature(s); {timestamps} document timestamp(s) added; DSS (certificates/OCSP/CRLs): {dss}\n  SHA-256: {sha256}\n',
    'zh-CN': '已升级至 {level}：{path}\n  原有签名 {signatures} 个；新增文档时间戳 {timestamps} 个；DSS（证书/OCSP/CRL）：{dss}\n  SHA-256：{sha256}\n',
  },
  evidenceSubmitted: {
    en: 'Evidence number {number}\nExisted no later than {time}\nReceipt saved to {receipt}\n',
    'zh-CN': '存证编号 {number}\n文件存在时间不晚于 {time}\n回执已保存至 {receipt}\n',
  },
  evidenceVerified: {
    en: 'Verified: evidence number {number}, document SHA-256 {sha256}, existed no later than {time} ({tsa})\nLog {log}, key fingerprint {fingerprint}{pinned}\n',
    'zh-CN': '核验通过：存证编号 {number}，文件 SHA-256 {sha256}，存在时间不晚于 {time}（{tsa}）\n日志 {log}，密钥指纹 {fingerprint}{pinned}\n',
  },
  logKeyNotPinned: {
    en: ' (note: this log key was not pinned beforehand; compare its fingerprint)',
    'zh-CN': '（注意：该日志密钥未经您预先信任，请核对指纹）',
  },
  // inkstone contract (issue 9)
  contractConsent: { en: 'Consent recorded with this signature:\n  {text}', 'zh-CN': '本次签署记录的签署意愿：\n  {text}' },
  contractSigned: {
    en: 'Signed: version {version}, SHA-256 {sha256}, verification: {verdict}',
    'zh-CN': '已签署：第 {version} 版，SHA-256 {sha256}，验证结果：{verdict}',
  },
  contractVersionLine: { en: 'version {n} · {origin} · {verdict} · {sha256}', 'zh-CN': '第 {n} 版 · {origin} · {verdict} · {sha256}' },
  // The organisation and its seals (issue 9)
  sealActive: { en: 'in use  ', 'zh-CN': '使用中' },
  sealDisabled: { en: 'disabled', 'zh-CN': '已停用' },
  noOrganisation: {
    en: 'No organisation profile yet: set it with --legal-name (and --credit-code, --legal-representative, --address).',
    'zh-CN': '尚未填写单位信息：请用 --legal-name（以及 --credit-code、--legal-representative、--address）填写。',
  },
  // ── sync (issue 11) ──
  syncSummary: {
    en: 'Sent {sent} change(s), received {received}; {pending} waiting; {conflicts} new conflict(s).',
    'zh-CN': '已发送 {sent} 项变更，收到 {received} 项；{pending} 项待发送；新增冲突 {conflicts} 项。',
  },
  syncStatusLine: {
    en: '{pending} change(s) waiting in {contracts} contract(s); {conflicts} conflict(s); last success: {lastSuccess}',
    'zh-CN': '{contracts} 份合同共有 {pending} 项变更待发送；冲突 {conflicts} 项；上次成功：{lastSuccess}',
  },
  syncConnected: {
    en: 'Connected to {serviceUrl}\n  Organisation: {tenantName}\n  Person: {principalName} ({role})\n  Log key fingerprint: {logKeyFingerprint} (pinned)',
    'zh-CN': '已连接 {serviceUrl}\n  机构：{tenantName}\n  人员：{principalName}（{role}）\n  日志密钥指纹：{logKeyFingerprint}（已固定）',
  },
  // ── evidence receipts per version (issue 11): inkstone contract evidence ──
  contractEvidenceLine: {
    en: '{name} version {n}: {state}{number}{verdict}',
    'zh-CN': '{name} 第 {n} 版：{state}{number}{verdict}',
  },
  'evidenceState.not-synced': { en: 'not yet synced', 'zh-CN': '尚未同步' },
  'evidenceState.awaiting-receipt': { en: 'logged, receipt pending', 'zh-CN': '已登记，回执待取' },
  'evidenceState.received': { en: 'receipt held', 'zh-CN': '已有回执' },
  evidenceReceiptVerified: { en: 'verified offline, existed no later than {time}', 'zh-CN': '已离线核验，存在时间不晚于 {time}' },
  evidenceReceiptFailed: { en: 'did NOT verify ({check}: {code})', 'zh-CN': '未通过核验（{check}：{code}）' },
});
