import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { defineMessages, fill, findText, inLanguage, type Language } from '../../../src-shared/i18n/index.js';
import { cjkFontFor } from '../fonts/index.js';
import { inclusionWalk, leafHash } from './merkle.js';
import { parseReceipt, verifyReceipt, type EvidenceReceipt, type ReceiptVerification } from './receipt.js';

/**
 * The evidence certificate (出证报告): a PDF a court or a counterparty can read without software —
 * what was proven, the arithmetic that proves it (the commitment opening and every step of the
 * inclusion proof), the signed checkpoint and the timestamp's particulars. It is generated from a
 * receipt and re-verifies it first; its weight rests on the receipt's proofs, which it reproduces,
 * not on the certificate itself.
 */

const TEXT = defineMessages({
  title: { en: 'Evidence Certificate', 'zh-CN': '电子数据存证证明' },
  subtitle: { en: 'Inkstone evidence service', 'zh-CN': '出证报告 · Inkstone 存证服务' },
  verdictOk: { en: 'Result: every check of this receipt passed.', 'zh-CN': '核验结论：本回执的全部校验均已通过。' },
  verdictBad: { en: 'Result: this receipt did NOT verify — ', 'zh-CN': '核验结论：本回执未通过校验 —— ' },
  summary: { en: '1. Summary', 'zh-CN': '一、存证概要' },
  number: { en: 'Evidence number', 'zh-CN': '存证编号' },
  docHash: { en: 'Document SHA-256', 'zh-CN': '文件 SHA-256 哈希值' },
  event: { en: 'Event', 'zh-CN': '存证事项' },
  claimed: { en: 'Time claimed by the submitter', 'zh-CN': '提交方声称的时间' },
  existed: { en: 'Document existed no later than', 'zh-CN': '文件存在时间（不晚于）' },
  log: { en: 'Evidence log', 'zh-CN': '存证日志' },
  entry: { en: 'Log position', 'zh-CN': '日志位置' },
  entryValue: { en: 'entry {index} (counting from 0) of a log of {size}', 'zh-CN': '第 {index} 号记录（自 0 起计），日志规模 {size}' },
  statement: { en: '2. Evidence statement (the log leaf, verbatim)', 'zh-CN': '二、存证声明（日志叶节点原文）' },
  statementNote: {
    en: 'The log holds only a salted commitment, no names or ids; only the holder of the receipt (the salt) and the file can show which document it is.',
    'zh-CN': '日志中只记录加盐承诺值，不含任何名称或编号；只有持有回执（盐值）与原文件者才能证明其对应的文件。',
  },
  commitment: { en: '3. Opening the commitment', 'zh-CN': '三、承诺值核验' },
  commitmentFormula: {
    en: 'commitment = SHA-256("inkstone-evidence-commitment/v1\\n" ‖ salt ‖ document hash)',
    'zh-CN': '承诺值 = SHA-256("inkstone-evidence-commitment/v1\\n" ‖ 盐值 ‖ 文件哈希)',
  },
  salt: { en: 'Salt', 'zh-CN': '盐值' },
  computed: { en: 'Computed', 'zh-CN': '计算结果' },
  commitmentMatches: { en: 'equals the commitment in the statement', 'zh-CN': '与存证声明中的承诺值一致' },
  commitmentDiffers: { en: 'does NOT equal the commitment in the statement', 'zh-CN': '与存证声明中的承诺值不一致' },
  proof: { en: '4. Inclusion proof (RFC 9162), step by step', 'zh-CN': '四、包含性证明（RFC 9162），逐步演算' },
  leafStep: { en: 'leaf hash = SHA-256(0x00 ‖ statement)', 'zh-CN': '叶哈希 = SHA-256(0x00 ‖ 存证声明)' },
  stepLeft: {
    en: 'Step {step}: sibling on the left, parent = SHA-256(0x01 ‖ sibling ‖ current)',
    'zh-CN': '第 {step} 步：兄弟节点位于左侧，父节点 = SHA-256(0x01 ‖ 兄弟 ‖ 当前)',
  },
  stepRight: {
    en: 'Step {step}: sibling on the right, parent = SHA-256(0x01 ‖ current ‖ sibling)',
    'zh-CN': '第 {step} 步：兄弟节点位于右侧，父节点 = SHA-256(0x01 ‖ 当前 ‖ 兄弟)',
  },
  sibling: { en: 'sibling', 'zh-CN': '兄弟节点' },
  parent: { en: 'parent', 'zh-CN': '父节点' },
  rootMatches: { en: 'The computed root equals the root in the checkpoint.', 'zh-CN': '演算所得根哈希与检查点中的根哈希一致。' },
  rootDiffers: { en: 'The computed root does NOT equal the root in the checkpoint.', 'zh-CN': '演算所得根哈希与检查点中的根哈希不一致。' },
  checkpoint: { en: '5. Log checkpoint (C2SP signed note, Ed25519)', 'zh-CN': '五、日志检查点（C2SP 签名记录，Ed25519）' },
  logKey: { en: 'Log public key', 'zh-CN': '日志公钥' },
  keyFingerprint: { en: 'Log key fingerprint (SHA-256)', 'zh-CN': '日志公钥指纹（SHA-256）' },
  timestamp: { en: '6. Trusted timestamp (RFC 3161)', 'zh-CN': '六、可信时间戳（RFC 3161）' },
  imprint: { en: 'Timestamped data = SHA-256(checkpoint note)', 'zh-CN': '时间戳覆盖的数据 = SHA-256(检查点全文)' },
  genTime: { en: 'Time', 'zh-CN': '时间戳时间' },
  accuracy: { en: 'Accuracy', 'zh-CN': '精度' },
  serial: { en: 'Serial number', 'zh-CN': '序列号' },
  policy: { en: 'Policy', 'zh-CN': '时间戳策略' },
  tsa: { en: 'TSA certificate', 'zh-CN': '时间戳机构证书' },
  tsaCert: { en: 'TSA certificate SHA-256', 'zh-CN': '机构证书 SHA-256' },
  root: { en: 'Root certificate', 'zh-CN': '根证书' },
  rootCert: { en: 'Root certificate SHA-256', 'zh-CN': '根证书 SHA-256' },
  howTo: { en: '7. Verifying independently', 'zh-CN': '七、独立核验方法' },
  howToText: {
    en: 'Anyone can re-check this offline, without trusting the service: 1. compute the file’s SHA-256; 2. compute the commitment as in section 3 and compare it with the statement; 3. walk section 4 up to the root; 4. verify the checkpoint signature with the log key; 5. verify the timestamp token’s signature, the checkpoint hash it covers, and its certificate chain. Command line: inkstone evidence verify file.pdf --receipt receipt.json',
    'zh-CN':
      '任何人均可在不联网、且无需信任本服务的情况下复核：1. 计算文件的 SHA-256；2. 按第三节公式计算承诺值并与存证声明比对；3. 按第四节逐步计算至根哈希；4. 用日志公钥核验检查点签名；5. 核验时间戳令牌的签名、其覆盖的检查点哈希及证书链。命令行：inkstone evidence verify 文件.pdf --receipt 回执.json',
  },
  checks: { en: 'Checks', 'zh-CN': '校验项' },
  generated: { en: 'Generated', 'zh-CN': '生成时间' },
  page: { en: 'Page {page} of {pages}', 'zh-CN': '第 {page} 页，共 {pages} 页' },
  yes: { en: 'passed', 'zh-CN': '通过' },
  no: { en: 'failed', 'zh-CN': '未通过' },
  checkSeparator: { en: '; ', 'zh-CN': '；' },
});

/** The events a statement can record. */
const EVENTS = defineMessages({
  registered: { en: 'document registered', 'zh-CN': '文件登记' },
  signed: { en: 'signed', 'zh-CN': '签署' },
  completed: { en: 'signing completed', 'zh-CN': '签署完成' },
  archived: { en: 'archived', 'zh-CN': '归档' },
});

/** The checks of a receipt verification, as `verifyReceipt` names them. */
const CHECKS = defineMessages({
  format: { en: 'receipt format', 'zh-CN': '回执格式' },
  document: { en: 'document', 'zh-CN': '文件一致' },
  commitment: { en: 'commitment', 'zh-CN': '承诺值' },
  leaf: { en: 'leaf hash', 'zh-CN': '叶哈希' },
  'evidence-number': { en: 'evidence number', 'zh-CN': '存证编号' },
  'checkpoint-signature': { en: 'checkpoint signature', 'zh-CN': '检查点签名' },
  inclusion: { en: 'inclusion proof', 'zh-CN': '包含性证明' },
  timestamp: { en: 'trusted timestamp', 'zh-CN': '可信时间戳' },
  'log-key': { en: 'log key', 'zh-CN': '日志密钥' },
  'tsa-root': { en: 'TSA root', 'zh-CN': '时间戳根证书' },
});

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 56;
const INK = rgb(0.11, 0.14, 0.19);
const MUTED = rgb(0.36, 0.39, 0.45);
const RED = rgb(0.7, 0.15, 0.12);
const GREEN = rgb(0.18, 0.49, 0.31);

class Layout {
  readonly doc: PDFDocument;
  readonly text: PDFFont;
  readonly mono: PDFFont;
  page!: PDFPage;
  y = 0;

  constructor(doc: PDFDocument, text: PDFFont, mono: PDFFont) {
    this.doc = doc;
    this.text = text;
    this.mono = mono;
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.w, A4.h]);
    this.y = A4.h - MARGIN;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage();
  }

  /** Break text into lines that fit `width`: at spaces for Latin, anywhere for CJK and hex. */
  wrap(s: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const para of s.split('\n')) {
      let line = '';
      for (const ch of Array.from(para)) {
        const next = line + ch;
        if (font.widthOfTextAtSize(next, size) > width && line) {
          const space = line.lastIndexOf(' ');
          if (space > line.length * 0.6 && /[ -~]/u.test(ch)) {
            lines.push(line.slice(0, space));
            line = line.slice(space + 1) + ch;
          } else {
            lines.push(line);
            line = ch;
          }
        } else line = next;
      }
      lines.push(line);
    }
    return lines;
  }

  para(s: string, opts: { size?: number; font?: PDFFont; color?: ReturnType<typeof rgb>; indent?: number; gap?: number } = {}): void {
    const size = opts.size ?? 9.5;
    const font = opts.font ?? this.text;
    const indent = opts.indent ?? 0;
    for (const line of this.wrap(s, font, size, A4.w - 2 * MARGIN - indent)) {
      this.ensure(size * 1.45);
      this.page.drawText(line, { x: MARGIN + indent, y: this.y - size, size, font, color: opts.color ?? INK });
      this.y -= size * 1.45;
    }
    this.y -= opts.gap ?? 2;
  }

  heading(s: string): void {
    this.ensure(40);
    this.y -= 10;
    this.para(s, { size: 12, gap: 4 });
    this.page.drawLine({ start: { x: MARGIN, y: this.y + 3 }, end: { x: A4.w - MARGIN, y: this.y + 3 }, thickness: 0.5, color: MUTED });
    this.y -= 4;
  }

  /** A label with its value beneath (hex and identifiers in a fixed-width face). */
  field(label: string, value: string, mono = false): void {
    this.ensure(30);
    this.para(label, { size: 8.5, color: MUTED, gap: 0 });
    this.para(value, { size: mono ? 8.5 : 9.5, font: mono ? this.mono : this.text, indent: 10, gap: 4 });
  }
}

export interface CertificateOptions {
  readonly lang: Language;
  readonly trustedLogKeys?: readonly string[];
  readonly trustedTsaRoots?: readonly string[];
  /** When the certificate was produced (defaults to now); printed in the footer. */
  readonly generatedAt?: Date;
}

/** What the certificate shows, as data: drawn in one pass after its text has chosen the font subset. */
type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | {
      readonly kind: 'para';
      readonly text: string;
      readonly size?: number;
      readonly color?: ReturnType<typeof rgb>;
      readonly indent?: number;
      readonly gap?: number;
      readonly mono?: boolean;
    }
  | { readonly kind: 'field'; readonly label: string; readonly value: string; readonly mono?: boolean };

/** Render the certificate for `receipt` as PDF bytes. */
export async function renderEvidenceCertificate(input: EvidenceReceipt | unknown, options: CertificateOptions): Promise<Uint8Array> {
  const receipt = parseReceipt(input);
  const lang = options.lang;
  const t = inLanguage(TEXT, lang);
  const verification: ReceiptVerification = await verifyReceipt(receipt, { trustedLogKeys: options.trustedLogKeys, trustedTsaRoots: options.trustedTsaRoots });
  const facts = verification.facts;
  const ts = facts?.timestamp ?? null;
  const statement = facts?.statement ?? null;

  const doc = await PDFDocument.create();
  doc.setTitle(`${t.title} ${receipt.evidenceNumber}`);
  doc.setSubject(receipt.evidenceNumber);
  doc.setProducer('Inkstone');
  doc.setCreator('Inkstone evidence');
  doc.setLanguage(options.lang);
  doc.registerFontkit(fontkit);
  const mono = await doc.embedFont(StandardFonts.Courier);

  const leaf = Buffer.from(leafHash(Buffer.from(receipt.entry.statement, 'utf8')));
  const walk = inclusionWalk(
    leaf,
    receipt.entry.index,
    receipt.inclusionProof.treeSize,
    receipt.inclusionProof.hashes.map((h) => Buffer.from(h, 'hex')),
  );
  const commitment = receipt.document
    ? createHash('sha256')
        .update('inkstone-evidence-commitment/v1\n')
        .update(Buffer.from(receipt.document.salt, 'hex'))
        .update(Buffer.from(receipt.document.hash, 'hex'))
        .digest('hex')
    : null;
  const generatedAt = (options.generatedAt ?? new Date()).toISOString();

  const blocks: Block[] = [];
  const heading = (text: string) => blocks.push({ kind: 'heading', text });
  const para = (text: string, style: Omit<Extract<Block, { kind: 'para' }>, 'kind' | 'text'> = {}) => blocks.push({ kind: 'para', text, ...style });
  const field = (label: string, value: string, mono = false) => blocks.push({ kind: 'field', label, value, mono });

  para(t.title, { size: 20, gap: 2 });
  para(t.subtitle, { size: 10, color: MUTED, gap: 10 });
  para(verification.ok ? t.verdictOk : `${t.verdictBad}${verification.failure?.message ?? ''}`, { size: 11, color: verification.ok ? GREEN : RED, gap: 6 });

  heading(t.summary);
  field(t.number, receipt.evidenceNumber, true);
  if (receipt.document) field(t.docHash, receipt.document.hash, true);
  if (statement) {
    field(t.event, `${findText(EVENTS, statement.event, lang) ?? statement.event} (${statement.event})`);
    field(t.claimed, statement.claimedTime, true);
  }
  if (ts) field(t.existed, ts.genTime.toISOString(), true);
  field(t.log, receipt.log.origin, true);
  field(t.entry, fill(t.entryValue, { index: receipt.entry.index, size: receipt.inclusionProof.treeSize }));
  field(
    t.checks,
    verification.checks.map((c) => `${findText(CHECKS, c.check, lang) ?? c.check}: ${c.ok ? t.yes : `${t.no} (${c.code})`}`).join(t.checkSeparator),
  );

  heading(t.statement);
  para(receipt.entry.statement.trimEnd(), { mono: true, size: 8, indent: 10, gap: 4 });
  para(t.statementNote, { size: 8.5, color: MUTED });

  if (receipt.document && commitment) {
    const opened = commitment === statement?.commitment;
    heading(t.commitment);
    para(t.commitmentFormula, { size: 9 });
    field(t.salt, receipt.document.salt, true);
    field(t.computed, commitment, true);
    para(opened ? t.commitmentMatches : t.commitmentDiffers, { color: opened ? GREEN : RED });
  }

  heading(t.proof);
  field(t.leafStep, leaf.toString('hex'), true);
  walk?.steps.forEach((step, i) => {
    para(fill(step.side === 'left' ? t.stepLeft : t.stepRight, { step: i + 1 }), { size: 9, gap: 0 });
    para(`${t.sibling}: ${Buffer.from(step.sibling).toString('hex')}`, { size: 8, indent: 10, gap: 0 });
    para(`${t.parent}: ${Buffer.from(step.parent).toString('hex')}`, { size: 8, indent: 10, gap: 3 });
  });
  const rootOk = Boolean(walk && facts && Buffer.from(walk.root).toString('hex') === facts.checkpointRoot);
  para(rootOk ? t.rootMatches : t.rootDiffers, { color: rootOk ? GREEN : RED });

  heading(t.checkpoint);
  // The note's signature line starts with an em dash, which the fixed-width face lacks.
  para(receipt.checkpoint.trimEnd(), { size: 8, indent: 10, gap: 4 });
  field(t.logKey, receipt.log.verifierKey, true);
  if (facts) field(t.keyFingerprint, facts.logKeyFingerprint, true);

  if (ts) {
    heading(t.timestamp);
    field(t.imprint, createHash('sha256').update(receipt.checkpoint, 'utf8').digest('hex'), true);
    field(t.genTime, ts.genTime.toISOString(), true);
    if (ts.accuracyMs !== null) field(t.accuracy, `${ts.accuracyMs} ms`, true);
    field(t.serial, ts.serialNumber, true);
    field(t.policy, ts.policy, true);
    field(t.tsa, ts.tsaSubject);
    field(t.tsaCert, ts.tsaCertificateSha256, true);
    field(t.root, ts.rootSubject);
    field(t.rootCert, ts.rootSha256, true);
  }

  heading(t.howTo);
  para(t.howToText, { size: 9 });

  const footer = (p: number, n: number) => `${t.generated} ${generatedAt} · ${fill(t.page, { page: p, pages: n })} · ${receipt.evidenceNumber}`;
  const allText = blocks.map((b) => (b.kind === 'field' ? b.label + b.value : b.text)).join('') + footer(0, 0);
  const text = await doc.embedFont(await cjkFontFor(allText), { subset: false });
  const layout = new Layout(doc, text, mono);
  for (const b of blocks) {
    if (b.kind === 'heading') layout.heading(b.text);
    else if (b.kind === 'field') layout.field(b.label, b.value, b.mono);
    else layout.para(b.text, { ...b, font: b.mono ? mono : text });
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => p.drawText(footer(i + 1, pages.length), { x: MARGIN, y: MARGIN - 22, size: 7.5, font: text, color: MUTED }));
  return doc.save({ useObjectStreams: false });
}
