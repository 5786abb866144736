import { InkstoneError } from '../../../src-shared/errors/index.js';
import { defineMessages, say, type Language, type Message } from '../../../src-shared/i18n/index.js';
import type { VerifyMessage } from '../../../src-shared/api/verification.js';

/**
 * Every sentence the verifier says to a person, in both languages, keyed by a stable code. The
 * JSON result carries code, parameters and the text in the language asked for; the PDF report and
 * the Verify screen use the same table. The Chinese is written as a Chinese lawyer reads a
 * 技术报告: 签名有效 / 签名无效 / 无法确定, 文档签署后被修改, 证书链, 吊销状态, 可信时间戳.
 */

type Params = Record<string, string | number>;

const MESSAGES = defineMessages({
  // The document verdict.
  VERDICT_VALID: {
    en: 'All {count} signature(s) are valid and the document has not been changed in a way they forbid.',
    'zh-CN': '全部 {count} 个签名均有效，文档签署后未发生签名所禁止的修改。',
  },
  VERDICT_INVALID: {
    en: 'At least one signature is invalid, or the document was changed after signing in a way that is not allowed.',
    'zh-CN': '至少一个签名无效，或文档在签署后发生了不被允许的修改。',
  },
  VERDICT_INDETERMINATE: {
    en: 'No signature is invalid, but at least one could not be fully confirmed (see each signature).',
    'zh-CN': '没有签名被判定无效，但至少一个签名无法完全确认（详见各签名）。',
  },
  VERDICT_UNSIGNED: { en: 'The document carries no signature.', 'zh-CN': '该文档不含任何签名。' },

  // One signature's result.
  SUMMARY_PASSED: {
    en: "Valid: signed by {signer}; the signature is intact and the signer's certificate is trusted.",
    'zh-CN': '签名有效：由 {signer} 签署；签名完整，签署人证书可信。',
  },
  SUMMARY_TIMESTAMP_PASSED: {
    en: 'Valid document timestamp by {signer}: the document existed in this form at {time}.',
    'zh-CN': '文档时间戳有效（{signer}）：证明文档在 {time} 时已是此内容。',
  },
  SUMMARY_FAILED: { en: 'Invalid: {reason}', 'zh-CN': '签名无效：{reason}' },
  SUMMARY_INDETERMINATE: { en: 'Cannot be confirmed: {reason}', 'zh-CN': '无法确定：{reason}' },

  // Why a signature is not TOTAL_PASSED.
  PROBLEM_BYTERANGE: {
    en: "the signed byte range (/ByteRange) does not cover this signature's document exactly",
    'zh-CN': '签名的字节范围（/ByteRange）未能准确覆盖签名所对应的文档内容',
  },
  PROBLEM_SIGNATURE_MISSING_PARTS: { en: 'the signature dictionary lacks its signature value or byte range', 'zh-CN': '签名字典缺少签名值或字节范围' },
  PROBLEM_CMS_UNDECODABLE: { en: 'the signature data cannot be decoded', 'zh-CN': '签名数据无法解码' },
  PROBLEM_DIGEST: { en: 'the document bytes do not match what was signed (hash mismatch)', 'zh-CN': '文档内容与签署时不一致（摘要值不符）' },
  PROBLEM_SIGNATURE_VALUE: { en: "the signature value does not verify with the signer's certificate", 'zh-CN': '签名值无法用签署人证书验证' },
  PROBLEM_NO_SIGNER_CERTIFICATE: {
    en: "the signer's certificate is missing or is not the one the signature names",
    'zh-CN': '签署人证书缺失，或与签名所声明的证书不符',
  },
  PROBLEM_UNSUPPORTED_ALGORITHM: {
    en: 'the signature uses an algorithm Inkstone cannot check ({algorithm})',
    'zh-CN': '签名使用了 Inkstone 无法校验的算法（{algorithm}）',
  },
  PROBLEM_FORMAT: { en: 'the signature is not well formed', 'zh-CN': '签名格式不符合规范' },
  PROBLEM_TIMESTAMP_IMPRINT: { en: 'the document timestamp was made over other data', 'zh-CN': '该文档时间戳所证明的并非本文档的内容' },
  PROBLEM_MODIFIED: { en: 'the document was changed after signing in a way this signature does not allow', 'zh-CN': '文档在签署后发生了该签名不允许的修改' },
  PROBLEM_COVERAGE: { en: 'the signature covers only part of its revision of the document', 'zh-CN': '签名仅覆盖了其所对应文档版本的一部分' },
  PROBLEM_EXPIRED_NO_POE: {
    en: "the signer's certificate has expired and no trusted timestamp proves the signature was made before then",
    'zh-CN': '签署人证书已过期，且没有可信时间戳证明签名在过期前作出',
  },
  PROBLEM_NOT_YET_VALID: { en: "the signature was made before the signer's certificate became valid", 'zh-CN': '签名作出时签署人证书尚未生效' },
  PROBLEM_REVOKED: {
    en: "the signer's certificate was revoked on {time}, before the proven signing time",
    'zh-CN': '签署人证书已于 {time} 被吊销，早于可证明的签署时间',
  },
  PROBLEM_REVOKED_NO_POE: {
    en: "the signer's certificate was revoked on {time} and no trusted timestamp proves the signature was made before then",
    'zh-CN': '签署人证书已于 {time} 被吊销，且没有可信时间戳证明签名在此之前作出',
  },
  PROBLEM_REVOCATION_OFFLINE: {
    en: 'the revocation status of {subject} is not in the document and online checking is off',
    'zh-CN': '文档中没有 {subject} 的吊销状态信息，且未开启联网查询',
  },
  PROBLEM_REVOCATION_UNKNOWN: { en: 'the revocation status of {subject} could not be established', 'zh-CN': '无法确认 {subject} 的吊销状态' },
  PROBLEM_KEY_USAGE: { en: "the signer's certificate is not issued for signing", 'zh-CN': '签署人证书并非签名用途证书' },
  PROBLEM_TSA_USAGE: {
    en: 'the timestamp was not issued by a proper timestamping certificate (RFC 3161: critical extended key usage id-kp-timeStamping, bound to the token)',
    'zh-CN': '时间戳并非由合规的时间戳服务证书签发（RFC 3161 要求证书具有关键扩展密钥用法 id-kp-timeStamping 并与令牌绑定）',
  },
  PROBLEM_WEAK_ALGORITHM: {
    en: '{algorithm} is no longer considered secure and no timestamp proves the signature predates that',
    'zh-CN': '{algorithm} 已不再安全，且没有时间戳证明签名早于其失效时间',
  },
  PROBLEM_WEAK_CERTIFICATE_SIGNATURE: {
    en: 'the certificate of {subject} was signed by its issuer with {algorithm}, which is no longer considered secure, and no timestamp proves the signature predates that',
    'zh-CN': '{subject} 的证书由签发者以 {algorithm} 签名，该算法已不再安全，且没有时间戳证明签名早于其失效时间',
  },

  // Certificate paths: why a path does not lead to a trusted anchor.
  CHAIN_UNTRUSTED_ROOT: { en: 'the chain ends at {subject}, which you have not chosen to trust', 'zh-CN': '证书链终止于 {subject}，您尚未将其设为受信任证书' },
  CHAIN_NO_ISSUER: {
    en: 'the issuer of {subject} is neither in the document nor among your trusted certificates',
    'zh-CN': '{subject} 的签发者证书既不在文档中，也不在您的受信任证书中',
  },
  CHAIN_TOO_LONG: {
    en: 'no trusted certificate is reached within a reasonable chain length from {subject}',
    'zh-CN': '从 {subject} 出发，在合理的证书链长度内未能到达受信任证书',
  },
  CHAIN_BAD_SIGNATURE: { en: "the signature on {subject} does not verify with its issuer's key", 'zh-CN': '{subject} 上的签发签名无法用其签发者的公钥验证' },
  CHAIN_EXPIRED: { en: '{subject} has expired', 'zh-CN': '{subject} 已过期' },
  CHAIN_NOT_YET_VALID: { en: '{subject} is not yet valid', 'zh-CN': '{subject} 尚未生效' },
  CHAIN_NOT_A_CA: { en: '{subject} is not a certification authority but issued a certificate', 'zh-CN': '{subject} 并非证书认证机构，却签发了证书' },
  CHAIN_PATH_LENGTH: {
    en: '{subject} allows fewer intermediate authorities below it than the chain has',
    'zh-CN': '{subject} 所允许的下级认证机构层数少于证书链实际层数',
  },
  CHAIN_ISSUER_KEY_USAGE: { en: '{subject} may not sign certificates', 'zh-CN': '{subject} 无权签发证书' },
  CHAIN_CRITICAL_EXTENSION: { en: '{subject} has a critical extension Inkstone does not process', 'zh-CN': '{subject} 含有 Inkstone 无法处理的关键扩展' },
  CHAIN_NOT_CHECKED: { en: 'there is no certificate to check', 'zh-CN': '没有可供校验的证书' },

  // Revocation.
  REVOCATION_GOOD: { en: 'No certificate of the chain is revoked.', 'zh-CN': '证书链中没有证书被吊销。' },
  REVOCATION_REVOKED: { en: '{subject} was revoked on {time}.', 'zh-CN': '{subject} 已于 {time} 被吊销。' },

  // Changes after signing.
  CHANGE_SIGNATURE_ADDED: { en: 'Signature "{field}" was added.', 'zh-CN': '新增了签名“{field}”。' },
  CHANGE_TIMESTAMP_ADDED: { en: 'Document timestamp "{field}" was added.', 'zh-CN': '新增了文档时间戳“{field}”。' },
  CHANGE_SIGNATURE_FIELD_ADDED: { en: 'An empty signature field "{field}" was added.', 'zh-CN': '新增了空白签名域“{field}”。' },
  CHANGE_SIGNATURE: { en: 'Signature material was added or updated.', 'zh-CN': '新增或更新了签名相关内容。' },
  CHANGE_DOCUMENT_TIMESTAMP: { en: 'A document timestamp was added.', 'zh-CN': '新增了文档时间戳。' },
  CHANGE_DSS: {
    en: 'Validation data (certificates, OCSP responses, CRLs) was added for long-term validation.',
    'zh-CN': '为长期验证新增了验证数据（证书、OCSP 响应、CRL）。',
  },
  CHANGE_METADATA: {
    en: 'Document information or metadata was updated (nothing shown on the pages).',
    'zh-CN': '更新了文档信息或元数据（不影响页面显示内容）。',
  },
  CHANGE_STRUCTURE: { en: "The document's logical structure (tags) was updated.", 'zh-CN': '更新了文档的逻辑结构（标签）。' },
  CHANGE_FORM_FILLED: { en: 'Form field "{field}" was filled in or changed.', 'zh-CN': '填写或更改了表单域“{field}”。' },
  CHANGE_FORM_FILL: { en: 'Form data or form resources were updated.', 'zh-CN': '更新了表单数据或表单资源。' },
  CHANGE_FIELD_PROPERTIES: { en: 'Properties of form field "{field}" were changed.', 'zh-CN': '更改了表单域“{field}”的属性。' },
  CHANGE_FIELD_ADDED: { en: 'A new form field "{field}" was added.', 'zh-CN': '新增了表单域“{field}”。' },
  CHANGE_ANNOTATION_ADDED: { en: 'A {subtype} annotation was added on page {page}.', 'zh-CN': '在第 {page} 页新增了 {subtype} 类型的注释。' },
  CHANGE_ANNOTATION_MODIFIED: { en: 'An existing annotation was modified.', 'zh-CN': '修改了已有注释。' },
  CHANGE_ANNOTATION_REMOVED: { en: 'An annotation was removed.', 'zh-CN': '删除了一个注释。' },
  CHANGE_ANNOTATION_APPEARANCES: { en: 'Named annotation appearances were added.', 'zh-CN': '新增了注释外观资源。' },
  CHANGE_ANNOTATION: { en: 'Annotation material was added or changed.', 'zh-CN': '新增或更改了注释相关内容。' },
  CHANGE_WIDGET_PROPERTIES: { en: 'The placement or visibility of form field "{field}" was changed.', 'zh-CN': '更改了表单域“{field}”的位置或可见性。' },
  CHANGE_PAGES_ADDED: { en: 'Pages were added: {before} before, {after} now.', 'zh-CN': '文档新增了页面：原为 {before} 页，现为 {after} 页。' },
  CHANGE_PAGES_REMOVED: { en: 'Pages were removed: {before} before, {after} now.', 'zh-CN': '文档删除了页面：原为 {before} 页，现为 {after} 页。' },
  CHANGE_PAGES_REPLACED: { en: 'Pages were replaced or reordered.', 'zh-CN': '文档页面被替换或调换了顺序。' },
  CHANGE_PAGE_ATTRIBUTES: { en: 'What page {page} shows was changed ({keys}).', 'zh-CN': '第 {page} 页的显示内容被更改（{keys}）。' },
  CHANGE_DRAWN_CHANGED: { en: 'Content drawn on page {page} was changed.', 'zh-CN': '第 {page} 页所显示的内容被更改。' },
  CHANGE_DRAWN_ADDED: { en: 'New content is drawn on page {page}.', 'zh-CN': '第 {page} 页新增了显示内容。' },
  CHANGE_DRAWN_REMOVED: { en: 'Content drawn on page {page} was removed.', 'zh-CN': '第 {page} 页所显示的内容被删除。' },
  CHANGE_FONT_REPLACED: {
    en: 'A font used on page {page} was replaced (the same text can now show different characters).',
    'zh-CN': '第 {page} 页使用的字体被替换（同样的文字编码可能显示为不同的字符）。',
  },
  CHANGE_OPTIONAL_CONTENT: { en: 'Which layers (optional content) are visible was changed.', 'zh-CN': '更改了图层（可选内容）的显示设置。' },
  CHANGE_OUTPUT_INTENTS: { en: 'The colour output settings were changed.', 'zh-CN': '更改了颜色输出设置。' },
  CHANGE_APPEARANCE_WITHOUT_VALUE: {
    en: 'The appearance of form field "{field}" was changed while its value was not: what is shown no longer matches what was entered.',
    'zh-CN': '表单域“{field}”的外观被更改而其取值未变：页面所显示的内容与实际填写的内容不再一致。',
  },
  CHANGE_SHARED_APPEARANCE: {
    en: 'Filling in "{field}" rewrote an object that "{other}" also shows: the change appears outside the field.',
    'zh-CN': '填写“{field}”时改写了“{other}”也在显示的对象：修改显示在该表单域之外。',
  },
  CHANGE_SHARED_APPEARANCE_ELSEWHERE: {
    en: 'Filling in "{field}" rewrote an object the document also uses elsewhere (page content, document information or another part): the change appears outside the field.',
    'zh-CN': '填写“{field}”时改写了文档其他部分（页面内容、文档信息等）也在使用的对象：修改显示在该表单域之外。',
  },
  CHANGE_ANNOTATION_BEHIND: {
    en: 'What annotation #{object} shows, or whether it is shown, was changed through an object it uses, while the annotation itself was not changed.',
    'zh-CN': '通过修改 #{object} 号注释所引用的对象，改变了它显示的内容或是否显示，而该注释本身未被修改。',
  },
  CHANGE_SIGNATURE_DICTIONARY: { en: 'An existing signature dictionary was rewritten.', 'zh-CN': '已有的签名字典被改写。' },
  CHANGE_SIGNATURE_APPEARANCE: { en: 'The appearance of signature "{field}" was changed after it was signed.', 'zh-CN': '签名“{field}”在签署后其外观被更改。' },
  CHANGE_SIGNATURE_REPLACED: { en: 'Signature "{field}" was replaced by another.', 'zh-CN': '签名“{field}”被替换。' },
  CHANGE_SIGNATURE_REMOVED: { en: 'Signature "{field}" was removed.', 'zh-CN': '签名“{field}”被删除。' },
  CHANGE_SIGNATURE_WIDGET_REMOVED: {
    en: 'The visible appearance of a signature on page {page} was removed.',
    'zh-CN': '第 {page} 页上某签名的可见外观被删除。',
  },
  CHANGE_FIELD_REMOVED: { en: 'Form field "{field}" was removed.', 'zh-CN': '表单域“{field}”被删除。' },
  CHANGE_PERMISSIONS: {
    en: 'Document permissions (certification or usage rights) were added or changed.',
    'zh-CN': '新增或更改了文档权限（认证签名或使用权限）。',
  },
  CHANGE_ACTIONS: { en: 'Actions run when the document is opened were added or changed.', 'zh-CN': '新增或更改了文档打开时自动执行的动作。' },
  CHANGE_NAMES: { en: 'Named document resources were changed ({keys}).', 'zh-CN': '更改了文档的命名资源（{keys}）。' },
  CHANGE_CATALOG: { en: 'A document-level setting was changed ({key}).', 'zh-CN': '更改了文档级设置（{key}）。' },
  CHANGE_OTHER: { en: 'Objects were changed in a way Inkstone cannot explain as an allowed change.', 'zh-CN': '部分对象发生了无法解释为允许修改的变化。' },
  CHANGE_CONTENT: { en: 'Content was changed.', 'zh-CN': '内容被更改。' },
  CHANGE_UNREADABLE: {
    en: 'A later revision of the document cannot be read, so its changes cannot be checked.',
    'zh-CN': '文档的后续版本无法读取，因此无法核查其修改内容。',
  },
  CHANGE_REPAIRED_UPDATE: {
    en: 'An update appended after signing has no readable cross-reference data: only a viewer that repairs the file shows it, and viewers may show it differently.',
    'zh-CN': '签署后追加的更新缺少可读的交叉引用数据：只有会修复文件的阅读器才会显示它，且不同阅读器的显示可能不同。',
  },
  CHANGE_AMBIGUOUS_OBJECT: {
    en: 'A later revision defines objects whose meaning depends on the viewer (the cross-reference entry points at another object, or the object is not properly closed).',
    'zh-CN': '后续版本中有对象的含义取决于所用阅读器（交叉引用条目指向了另一个对象，或对象未正确结束）。',
  },
  CHANGE_UNSIGNED_BYTES: {
    en: "{bytes} bytes inside the signature's excluded range are not the signature value and are not covered by it.",
    'zh-CN': '签名排除区间内有 {bytes} 字节并非签名值，且不受签名保护。',
  },
  CHANGE_DICTIONARY_INCONSISTENT: {
    en: 'The signature dictionary shown now differs from the one that was signed (reason, time or name may be forged).',
    'zh-CN': '当前显示的签名字典与签署时的不一致（签署理由、时间或姓名可能被伪造）。',
  },
  CHANGE_OVERLAY_TEXT: {
    en: 'A {subtype} annotation added on page {page} covers signed text.',
    'zh-CN': '第 {page} 页新增的 {subtype} 注释遮盖了已签署的文字。',
  },
  CHANGE_OVERLAY_IMAGE: {
    en: 'A {subtype} annotation added on page {page} covers a signed image.',
    'zh-CN': '第 {page} 页新增的 {subtype} 注释遮盖了已签署的图片。',
  },
  CHANGE_OVERLAY_SIGNATURE: {
    en: 'A {subtype} annotation added on page {page} covers the appearance of an earlier signature.',
    'zh-CN': '第 {page} 页新增的 {subtype} 注释遮盖了此前签名的外观。',
  },
  CHANGE_ANNOTATION_OVERLAP: {
    en: 'A {subtype} annotation added on page {page} overlaps an existing annotation.',
    'zh-CN': '第 {page} 页新增的 {subtype} 注释与已有注释重叠。',
  },

  // Attack classes.
  ATTACK_USF: {
    en: 'Universal signature forgery: the signature lacks a usable value or byte range, so it cannot protect anything.',
    'zh-CN': '通用签名伪造：签名缺少可用的签名值或字节范围，无法保护任何内容。',
  },
  ATTACK_SWA: {
    en: 'Signature wrapping: the byte range was manipulated so that unsigned bytes sit where a reader looks for the document.',
    'zh-CN': '签名包装攻击：字节范围被篡改，未签名的内容被放置在阅读器读取文档的位置。',
  },
  ATTACK_SPOOFING: {
    en: 'Signature spoofing: the signature dictionary was replaced after signing, so the displayed signer details are not the signed ones.',
    'zh-CN': '签名信息伪造：签名字典在签署后被替换，显示的签署信息并非实际签署的信息。',
  },
  ATTACK_ISA: {
    en: 'Incremental saving attack: an update after signing changes what the signed pages show.',
    'zh-CN': '增量保存攻击：签署后追加的更新改变了已签署页面的显示内容。',
  },
  ATTACK_SHADOW_HIDE: {
    en: 'Shadow attack (hide): content that was visible when signed is hidden by a later update.',
    'zh-CN': '影子攻击（隐藏）：签署时可见的内容被后续更新隐藏。',
  },
  ATTACK_SHADOW_REPLACE: {
    en: 'Shadow attack (replace): a later update swaps fonts or appearances so signed content shows differently.',
    'zh-CN': '影子攻击（替换）：后续更新替换了字体或外观，使已签署内容显示为不同内容。',
  },
  ATTACK_SHADOW_HIDE_AND_REPLACE: {
    en: 'Shadow attack (hide-and-replace): content prepared invisibly before signing is shown by a later update.',
    'zh-CN': '影子攻击（隐藏并替换）：签署前已隐藏准备的内容被后续更新显示出来。',
  },
  ATTACK_OVERLAY: { en: 'Overlay: an annotation added after signing covers signed content.', 'zh-CN': '覆盖攻击：签署后添加的注释遮盖了已签署的内容。' },

  // Article 13 of the PRC Electronic Signature Law.
  A13_KEY_SECURE_DEVICE: {
    en: 'The certificate states that the key is held in a secure signature-creation device.',
    'zh-CN': '证书载明签名密钥存放于安全签名设备中。',
  },
  A13_KEY_UNKNOWN: {
    en: 'Neither the signature nor the certificate states where the key is held (a token or a software file such as PKCS#12).',
    'zh-CN': '签名和证书均未载明密钥的存放方式（硬件介质或 PKCS#12 等软件文件）。',
  },
  A13_CONTROL_INTENT: {
    en: "The key is on a secure device and the signer's intent ({commitment}) is recorded in the signature.",
    'zh-CN': '密钥存放于安全设备，且签名中记录了签署人的签署意图（{commitment}）。',
  },
  A13_CONTROL_UNKNOWN: {
    en: 'Sole control at signing cannot be shown from the document alone.',
    'zh-CN': '仅凭文档本身无法证明签署时签名密钥由签署人单独控制。',
  },
  A13_SIGNATURE_INTACT: { en: 'The signature is intact: any change to it would be detected.', 'zh-CN': '签名完整：对签名的任何改动都能被发现。' },
  A13_SIGNATURE_BROKEN: { en: 'The signature itself is broken or unreadable.', 'zh-CN': '签名本身已损坏或无法读取。' },
  A13_DOCUMENT_INTACT: {
    en: 'The signed content is covered and no disallowed change was made after signing.',
    'zh-CN': '签名覆盖了所签署内容，签署后未发生不允许的修改。',
  },
  A13_DOCUMENT_CHANGED: {
    en: 'The document was changed after signing, or the signature does not cover it properly.',
    'zh-CN': '文档在签署后被修改，或签名未能完整覆盖文档。',
  },

  // Document-level warnings.
  WARN_REPAIRED: {
    en: "The file's cross-reference data is damaged; Inkstone read it by scanning, so its revision history cannot be trusted.",
    'zh-CN': '文件的交叉引用数据已损坏，Inkstone 通过扫描方式读取，其修订历史不可信。',
  },
  WARN_UNSIGNED_REVISIONS: {
    en: 'The document was updated after its last signature ({count} update(s)).',
    'zh-CN': '文档在最后一个签名之后又被更新（{count} 次）。',
  },
  WARN_READER: { en: 'Reading tolerance: {detail}', 'zh-CN': '读取时的容错处理：{detail}' },
  WARN_OFFLINE: {
    en: 'Revocation was checked only against data inside the document (online checking is off).',
    'zh-CN': '仅依据文档内嵌数据核查吊销状态（未开启联网查询）。',
  },

  // Pre-sign check.
  PRESIGN_UNUSED_CONTENT: {
    en: '{count} content object(s) in the file are not shown on any page; a later update could reveal them (shadow attack preparation).',
    'zh-CN': '文件中有 {count} 个内容对象未在任何页面显示，后续更新可能使其显现（疑似影子攻击的预先准备）。',
  },
  PRESIGN_INVISIBLE_TEXT: { en: 'Page {page} contains invisible text.', 'zh-CN': '第 {page} 页包含不可见文字。' },
  PRESIGN_HIDDEN_LAYERS: { en: 'The document has layers (optional content) that are hidden by default.', 'zh-CN': '文档包含默认隐藏的图层（可选内容）。' },
  PRESIGN_HIDDEN_ANNOTATION: {
    en: 'Page {page} has a hidden {subtype} annotation with its own appearance.',
    'zh-CN': '第 {page} 页有一个带外观的隐藏 {subtype} 注释。',
  },
  PRESIGN_OVERLAY: { en: 'On page {page}, a {subtype} annotation covers text or images.', 'zh-CN': '第 {page} 页有一个 {subtype} 注释遮盖了文字或图片。' },
  PRESIGN_EXISTING_PROBLEM: { en: 'An existing signature already fails: {summary}', 'zh-CN': '已有签名存在问题：{summary}' },
  PRESIGN_CLEAN: { en: 'Nothing suspicious was found.', 'zh-CN': '未发现可疑内容。' },
});

export type MessageCode = keyof typeof MESSAGES;

/** Whether a string is a known message code. */
export function isMessageCode(code: string): code is MessageCode {
  return Object.prototype.hasOwnProperty.call(MESSAGES, code);
}

/** A message in `lang`. */
export function message(code: MessageCode, params: Params, lang: Language): VerifyMessage {
  const entry: Message = MESSAGES[code];
  return { code, params, text: say(entry, lang, params) };
}

/** A message whose code comes from analysis data (change records); the code must exist. */
export function messageFor(code: string, params: Params, lang: Language): VerifyMessage {
  if (!isMessageCode(code)) throw new InkstoneError('INTERNAL', { reason: `no text for message code ${code}` });
  return message(code, params, lang);
}
