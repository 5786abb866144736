import type { Language } from '../../../src-shared/i18n/index.js';
import type { VerificationResult, VerifyMessage } from '../../../src-shared/api/verification.js';
import { listPages, PdfRef, PdfStream, type PdfDocument, type PdfRect, type PdfView } from '../pdf/index.js';
import { Budget } from './budget.js';
import { message } from './messages.js';
import { mapObjectRoles } from './object-roles.js';
import { area, overlapArea, rectOf } from './geometry.js';
import { drawnBoxes, type DrawnBox } from './page-drawing.js';
import { openInput, verifyPdf, type PdfInput, type VerifyOptions } from './verify-document.js';

/**
 * Before anyone adds a signature to a document that may already be signed: is anything in it
 * prepared to change what a later reader sees? Shadow attacks hide content in the file before the
 * victim signs and reveal it afterwards with an update that looks allowed; AutoFirma and EU DSS
 * warn about the preparation. Inkstone looks for content objects no page shows, text drawn
 * invisibly (not the OCR layer of a scan), layers hidden by default, hidden annotations that carry
 * an appearance, and annotations or form fields laid over text — and includes the verification of
 * the signatures already there.
 */

export interface PreSignCheck {
  /** Nothing suspicious, and no existing signature fails. */
  readonly clean: boolean;
  /** What was found, most serious first; PRESIGN_CLEAN alone when nothing was. */
  readonly findings: readonly VerifyMessage[];
  /** Content objects in the file that no page, annotation or form uses. */
  readonly unusedContentObjects: readonly number[];
  /** The verification of the signatures already in the document. */
  readonly verification: VerificationResult;
}

const COVERING_WIDGETS = new Set(['FreeText', 'Square', 'Circle', 'Polygon', 'Ink', 'Stamp', 'Widget', 'Redact']);

/** A stream a page could draw: a form or image XObject, or an untyped stream that reads as page content. */
function isDrawable(view: PdfView, stream: PdfStream): boolean {
  const d = stream.dict;
  if (d.isName('Subtype', 'Form') || d.isName('Subtype', 'Image')) return true;
  if (d.has('Type') || d.has('Subtype') || d.has('Length1') || d.has('N')) return false;
  try {
    const head = Buffer.from(view.decodeStream(stream, 64 * 1024)).toString('latin1');
    return /\bBT\b[\s\S]*\b(Tj|TJ)\b|\bDo\b|\bre\s+f\b/.test(head);
  } catch {
    return false;
  }
}

export async function checkBeforeSigning(input: PdfInput, options: VerifyOptions = {}): Promise<PreSignCheck> {
  const lang: Language = options.lang ?? 'en';
  const verification = await verifyPdf(input, options);
  const budget = new Budget(options.timeLimitMs ?? 120_000);
  const doc: PdfDocument = openInput(input, options.limits);
  const findings: VerifyMessage[] = [];
  let unused: number[];
  try {
    for (const s of verification.signatures) {
      if (s.indication === 'TOTAL_FAILED' || s.modifications === 'disallowed')
        findings.push(message('PRESIGN_EXISTING_PROBLEM', { summary: s.summary.text }, lang));
    }
    const roles = mapObjectRoles(doc, budget.tick);
    unused = doc.objectNumbers().filter((num) => {
      budget.tick();
      if (roles.roles.has(num)) return false;
      const obj = doc.get(new PdfRef(num, 0));
      return obj instanceof PdfStream && isDrawable(doc, obj);
    });
    if (unused.length) findings.push(message('PRESIGN_UNUSED_CONTENT', { count: unused.length }, lang));

    const off = doc.getArray(doc.getDict(doc.getDict(doc.catalog.get('OCProperties'))?.get('D'))?.get('OFF'));
    if (off && off.length) findings.push(message('PRESIGN_HIDDEN_LAYERS', {}, lang));

    for (const page of listPages(doc)) {
      budget.check();
      const boxes = drawnBoxes(doc, page, budget.tick);
      const images = boxes.filter((b) => b.kind === 'image');
      // Invisible text over an image is the OCR layer of a scanned page; elsewhere it is hidden text.
      const hiddenText = boxes.some((b) => b.kind === 'text' && b.invisible && !images.some((i) => overlapArea(i.rect, b.rect) > 0.5 * area(b.rect)));
      if (hiddenText) findings.push(message('PRESIGN_INVISIBLE_TEXT', { page: page.index + 1 }, lang));
      for (const annot of doc.getArray(page.dict.get('Annots')) ?? []) {
        const dict = doc.getDict(annot);
        if (!dict) continue;
        const subtype = doc.getName(dict.get('Subtype')) ?? 'Unknown';
        const flags = doc.getNumber(dict.get('F')) ?? 0;
        const hasAppearance = doc.getDict(dict.get('AP')) !== null;
        if ((flags & 2 || flags & 32) && hasAppearance) {
          findings.push(message('PRESIGN_HIDDEN_ANNOTATION', { page: page.index + 1, subtype }, lang));
          continue;
        }
        const rect = rectOf(doc, dict.get('Rect'));
        if (
          !rect ||
          !hasAppearance ||
          !COVERING_WIDGETS.has(subtype) ||
          (subtype === 'Widget' && annot instanceof PdfRef && roles.roles.get(annot.num)?.has('signature-field'))
        )
          continue;
        if (covers(boxes, rect)) findings.push(message('PRESIGN_OVERLAY', { page: page.index + 1, subtype }, lang));
      }
    }
  } finally {
    doc.close();
  }
  const clean = findings.length === 0;
  return { clean, findings: clean ? [message('PRESIGN_CLEAN', {}, lang)] : findings, unusedContentObjects: unused, verification };
}

function covers(boxes: readonly DrawnBox[], rect: PdfRect): boolean {
  return boxes.some((b) => !b.invisible && area(b.rect) > 0 && overlapArea(b.rect, rect) >= 0.25 * area(b.rect));
}
