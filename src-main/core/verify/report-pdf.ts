import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { SignatureResult, VerificationResult } from '../../../src-shared/api/verification.js';
import { fill } from '../../../src-shared/i18n/index.js';
import { cjkFontFor } from '../fonts/index.js';
import { labels, word } from './report-text.js';

/**
 * The verification report as a PDF a legal team can file (技术报告): the document and its SHA-256,
 * the verdict in plain words, then each signature — signer, proven time, level, result, what
 * changed after it, chain, revocation, timestamps and the article 13 checklist. Chinese or English,
 * with the CJK font embedded as a harfbuzz subset (pdf-lib's own subsetting breaks CJK glyphs).
 */

const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);
const GREEN = rgb(0.05, 0.45, 0.2);
const RED = rgb(0.7, 0.1, 0.1);
const AMBER = rgb(0.65, 0.42, 0.0);
const RULE = rgb(0.8, 0.8, 0.82);

export type ReportBlock =
  | { kind: 'title'; text: string }
  | { kind: 'banner'; text: string; detail: string; color: RGB }
  | { kind: 'heading'; text: string; color?: RGB }
  | { kind: 'field'; label: string; value: string; color?: RGB }
  | { kind: 'line'; text: string; color?: RGB; indent?: number; size?: number };

type Block = ReportBlock;

const verdictColour = (v: string) => (v === 'valid' || v === 'TOTAL_PASSED' ? GREEN : v === 'invalid' || v === 'TOTAL_FAILED' ? RED : AMBER);
// Marks from GB2312, which the embedded face covers (✗, ↳ and the en dash are not in it).
const YES = '√';
const NO = '×';
const mark = (status: string) => (status === 'met' ? `[${YES}]` : status === 'not-met' ? `[${NO}]` : '[?]');
const period = (from: string, to: string) => `${from.slice(0, 10)} ~ ${to.slice(0, 10)}`;

function signatureBlocks(s: SignatureResult, r: VerificationResult): Block[] {
  const L = labels(r.lang);
  const w = (v: string) => word(v, r.lang);
  const out: Block[] = [];
  out.push({
    kind: 'heading',
    text: `${s.index}. ${s.kind === 'signature' ? L.signature : L.timestamp} ${fill(L.quoted, { name: s.fieldName })}`,
    color: verdictColour(s.indication),
  });
  out.push({ kind: 'line', text: s.summary.text, color: verdictColour(s.indication) });
  if (s.signer) {
    out.push({ kind: 'field', label: L.signer, value: [s.signer.commonName ?? s.signer.subject, s.signer.organisation].filter(Boolean).join(' · ') });
    out.push({ kind: 'field', label: L.issuer, value: s.signer.issuer });
    out.push({ kind: 'field', label: L.certificate, value: `${s.signer.key} · ${s.signer.serialNumber} · ${period(s.signer.notBefore, s.signer.notAfter)}` });
  }
  out.push({
    kind: 'field',
    label: L.result,
    value: `${w(s.indication)}${s.subIndication ? ` / ${s.subIndication}` : ''}`,
    color: verdictColour(s.indication),
  });
  out.push({ kind: 'field', label: L.integrity, value: w(s.integrity), color: s.integrity === 'intact' ? GREEN : RED });
  out.push({ kind: 'field', label: L.coverage, value: w(s.coverage) });
  out.push({ kind: 'field', label: L.modifications, value: w(s.modifications), color: s.modifications === 'disallowed' ? RED : undefined });
  out.push({ kind: 'field', label: L.level, value: w(s.level) });
  out.push({ kind: 'field', label: L.provenTime, value: s.provenTime ? `${s.provenTime.time} (${s.provenTime.source})` : L.notProven });
  if (s.claimedTime) out.push({ kind: 'field', label: L.claimedTime, value: s.claimedTime });
  out.push({ kind: 'field', label: L.algorithms, value: [s.algorithms.signature, s.algorithms.digest].filter(Boolean).join(' · ') || '—' });
  if (s.stated.reason) out.push({ kind: 'field', label: L.reason, value: s.stated.reason });
  if (s.stated.location) out.push({ kind: 'field', label: L.location, value: s.stated.location });

  out.push({ kind: 'line', text: `${L.chain}: ${w(s.chain.status)}`, color: s.chain.status === 'trusted' ? GREEN : AMBER });
  s.chain.certificates.forEach((c, i) =>
    out.push({ kind: 'line', text: `${'  '.repeat(i)}${i ? '└ ' : ''}${c.subject}  (${period(c.notBefore, c.notAfter)})`, indent: 12, size: 8.5 }),
  );
  if (s.chain.problem) out.push({ kind: 'line', text: s.chain.problem.text, indent: 12, size: 8.5, color: MUTED });
  out.push({
    kind: 'line',
    text: `${L.revocation}: ${w(s.revocation.status)}`,
    color: s.revocation.status === 'good' ? GREEN : s.revocation.status === 'revoked' ? RED : AMBER,
  });
  for (const c of s.revocation.certificates)
    out.push({
      kind: 'line',
      text: `${c.subject}: ${w(c.status)}${c.source ? ` (${c.kind ?? ''} ${c.source}${c.thisUpdate ? `, ${c.thisUpdate}` : ''})` : ''}`,
      indent: 12,
      size: 8.5,
    });
  if (s.timestamps.length) {
    out.push({ kind: 'line', text: `${L.timestamps}:` });
    for (const t of s.timestamps)
      out.push({
        kind: 'line',
        text: `${t.kind} · ${t.genTime ?? '?'} · ${t.tsa ?? '?'} · ${t.valid ? YES : `${NO} ${t.problem?.text ?? ''}`}`,
        indent: 12,
        size: 8.5,
        color: t.valid ? INK : AMBER,
      });
  }
  out.push({ kind: 'line', text: `${L.changes}: ${s.changes.length ? '' : L.none}` });
  for (const c of s.changes)
    out.push({
      kind: 'line',
      text: `${c.allowed ? YES : NO} [${L.revision} ${c.revision}] ${c.message.text} (${c.allowed ? L.allowed : L.notAllowed})`,
      indent: 12,
      size: 8.5,
      color: c.allowed ? INK : RED,
    });
  if (s.attacks.length) {
    out.push({ kind: 'line', text: `${L.attacks}:`, color: RED });
    for (const a of s.attacks) out.push({ kind: 'line', text: a.message.text, indent: 12, size: 8.5, color: RED });
  }
  if (s.problems.length) {
    out.push({ kind: 'line', text: `${L.problems}:` });
    for (const p of s.problems) out.push({ kind: 'line', text: `· ${p.text}`, indent: 12, size: 8.5 });
  }
  out.push({ kind: 'line', text: `${L.article13}:` });
  const a13 = s.article13;
  for (const c of [a13.exclusiveKey, a13.soleControl, a13.signatureIntegrity, a13.documentIntegrity]) {
    out.push({
      kind: 'line',
      text: `${mark(c.status)} ${word(c.status, r.lang)} — ${c.message.text}`,
      indent: 12,
      size: 8.5,
      color: c.status === 'met' ? GREEN : c.status === 'not-met' ? RED : MUTED,
    });
  }
  return out;
}

function reportBlocks(r: VerificationResult): Block[] {
  const L = labels(r.lang);
  const blocks: Block[] = [{ kind: 'title', text: L.title }];
  blocks.push({ kind: 'banner', text: `${L.verdict}: ${word(r.verdict, r.lang)}`, detail: r.summary.text, color: verdictColour(r.verdict) });
  blocks.push({ kind: 'heading', text: L.document });
  blocks.push({ kind: 'field', label: L.document, value: r.document.name });
  blocks.push({ kind: 'field', label: L.sha256, value: r.document.sha256 });
  blocks.push({ kind: 'field', label: L.size, value: `${r.document.bytes} B · ${L.revisions} ${r.document.revisions} · ${L.pages} ${r.document.pages}` });
  blocks.push({ kind: 'field', label: L.verifiedAt, value: r.verifiedAt });
  blocks.push({ kind: 'field', label: L.trust, value: r.policy.trustAnchors.length ? r.policy.trustAnchors.join('; ') : L.trustNone });
  blocks.push({ kind: 'field', label: L.online, value: r.policy.online ? L.yes : L.no });
  for (const s of r.signatures) blocks.push(...signatureBlocks(s, r));
  if (r.warnings.length) {
    blocks.push({ kind: 'heading', text: L.warnings });
    for (const w of r.warnings) blocks.push({ kind: 'line', text: `· ${w.text}`, size: 8.5, color: MUTED });
  }
  return blocks;
}

/** Split text into pieces that may not be broken: Latin words (with their trailing space) and single CJK characters. */
function pieces(text: string): string[] {
  return text.match(/[\u0021-\u007e\u00a0-\u024f]+\s*|\s+|./gu) ?? [];
}

class Layout {
  private page: PDFPage;
  private y: number;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN;
  }
  private room(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN;
  }
  /** Lines of `text` that fit `width` at `size`. */
  wrap(text: string, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const piece of pieces(text)) {
      if (line && this.font.widthOfTextAtSize(line + piece.trimEnd(), size) > width) {
        lines.push(line.trimEnd());
        line = piece.trimStart();
        // A single piece wider than the line (a hash): cut it by characters.
        while (this.font.widthOfTextAtSize(line, size) > width) {
          let n = line.length;
          while (n > 1 && this.font.widthOfTextAtSize(line.slice(0, n), size) > width) n--;
          lines.push(line.slice(0, n));
          line = line.slice(n);
        }
      } else line += piece;
    }
    if (line.trim()) lines.push(line.trimEnd());
    return lines.length ? lines : [''];
  }
  text(text: string, options: { size?: number; color?: RGB; x?: number; width?: number; gap?: number } = {}): void {
    const size = options.size ?? 9.5;
    const x = options.x ?? MARGIN;
    const width = options.width ?? PAGE[0] - MARGIN - x;
    for (const line of this.wrap(text, size, width)) {
      this.room(size * 1.45);
      this.y -= size * 1.45;
      this.page.drawText(line, { x, y: this.y, size, font: this.font, color: options.color ?? INK });
    }
    this.y -= options.gap ?? 1;
  }
  block(b: Block): void {
    switch (b.kind) {
      case 'title':
        this.text(b.text, { size: 17, gap: 8 });
        return;
      case 'banner': {
        const lines = this.wrap(b.detail, 10, PAGE[0] - 2 * MARGIN - 20);
        const height = 26 + lines.length * 14;
        this.room(height + 6);
        this.page.drawRectangle({
          x: MARGIN,
          y: this.y - height,
          width: PAGE[0] - 2 * MARGIN,
          height,
          borderColor: b.color,
          borderWidth: 1.5,
          color: rgb(0.98, 0.98, 0.98),
        });
        this.page.drawText(b.text, { x: MARGIN + 10, y: this.y - 20, size: 13, font: this.font, color: b.color });
        lines.forEach((l, i) => this.page.drawText(l, { x: MARGIN + 10, y: this.y - 38 - i * 14, size: 10, font: this.font, color: INK }));
        this.y -= height + 10;
        return;
      }
      case 'heading':
        // The rule, the heading and at least one line of what it heads: never a heading alone at a page's foot.
        this.room(50);
        this.y -= 10;
        this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: PAGE[0] - MARGIN, y: this.y }, thickness: 0.5, color: RULE });
        this.text(b.text, { size: 12, color: b.color, gap: 3 });
        return;
      case 'field': {
        const labelWidth = 140;
        const lines = this.wrap(b.value, 9.5, PAGE[0] - 2 * MARGIN - labelWidth);
        this.room(lines.length * 13.8);
        this.page.drawText(b.label, { x: MARGIN, y: this.y - 13.8, size: 9.5, font: this.font, color: MUTED });
        lines.forEach((l, i) =>
          this.page.drawText(l, { x: MARGIN + labelWidth, y: this.y - 13.8 * (i + 1), size: 9.5, font: this.font, color: b.color ?? INK }),
        );
        this.y -= lines.length * 13.8 + 1;
        return;
      }
      case 'line':
        this.text(b.text, { size: b.size ?? 9.5, color: b.color, x: MARGIN + (b.indent ?? 0) });
        return;
    }
  }
}

function blockText(b: Block): string {
  return b.kind === 'field' ? b.label + b.value : b.kind === 'banner' ? b.text + b.detail : b.text;
}

/** Render a verification result as a PDF report in its own language. */
export async function renderVerificationReport(result: VerificationResult): Promise<Uint8Array> {
  const L = labels(result.lang);
  return renderReportPdf({
    title: `${L.title} — ${result.document.name}`,
    createdAt: new Date(result.verifiedAt),
    blocks: reportBlocks(result),
    footer: (p, n) => `${L.generated} · ${result.verifiedAt} · ${result.document.sha256.slice(0, 16)}… · ${fill(L.page, { page: p, pages: n })}`,
  });
}

/** The layout of Inkstone's reports (verification, batch signing): A4 blocks in the embedded CJK face, a footer on each page. */
export async function renderReportPdf(report: {
  title: string;
  createdAt: Date;
  blocks: readonly ReportBlock[];
  footer: (page: number, pages: number) => string;
}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(report.title);
  doc.setProducer('Inkstone');
  doc.setCreationDate(report.createdAt);
  const allText = report.blocks.map(blockText).join('') + report.footer(0, 0);
  const font = await doc.embedFont(await cjkFontFor(allText), { subset: false });
  const layout = new Layout(doc, font);
  for (const b of report.blocks) layout.block(b);
  const pages = doc.getPages();
  pages.forEach((p, i) => p.drawText(report.footer(i + 1, pages.length), { x: MARGIN, y: MARGIN - 24, size: 7.5, font, color: MUTED }));
  return doc.save({ useObjectStreams: false });
}
