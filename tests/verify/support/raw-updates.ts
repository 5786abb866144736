import { readFileSync, writeFileSync } from 'node:fs';
import { bufferSource, getPage, PdfDocument, PdfRef } from '../../../src-main/core/pdf/index.js';

/**
 * Incremental updates written byte by byte, for the updates our own writer would never produce:
 * a trailer that is not a dictionary, object bodies without their delimiters, cross-reference
 * entries that point at another object's bytes, objects appended with no cross-reference data at
 * all. Viewers repair such files and show what the update defines; the verifier must judge it.
 */

export interface RawObject {
  readonly num: number;
  readonly gen?: number;
  /** Everything between `N G obj` and `endobj`. */
  readonly body: string;
}

export interface RawUpdateOptions {
  /** `dictionary`: a proper trailer; `bare`: its keys without `<<` `>>`; `none`: no xref, trailer or startxref at all. */
  readonly trailer?: 'dictionary' | 'bare' | 'none';
  /** Extra cross-reference entries: object number → the object (of this update) whose bytes the entry points at. */
  readonly pointAt?: Readonly<Record<number, number>>;
  /** Leave these objects of the update out of the cross-reference section (their bytes are still written). */
  readonly unlisted?: readonly number[];
}

/** What a test needs to know about a signed file to write updates against it. */
export interface SignedShape {
  readonly size: number;
  readonly root: PdfRef;
  readonly info: PdfRef | null;
  readonly page: PdfRef;
  /** The first content stream of page 1. */
  readonly content: PdfRef;
  readonly startxref: number;
}

export function signedShape(file: string): SignedShape {
  const bytes = readFileSync(file);
  const doc = PdfDocument.open(bufferSource(bytes));
  const page = getPage(doc, 0);
  const contents = page.dict.get('Contents');
  const content = contents instanceof PdfRef ? contents : doc.getArray(contents)?.find((c): c is PdfRef => c instanceof PdfRef);
  if (!content) throw new Error('page 1 has no content stream reference');
  const info = doc.trailer.get('Info');
  return {
    size: doc.getNumber(doc.trailer.get('Size')) ?? 0,
    root: doc.catalogRef!,
    info: info instanceof PdfRef ? info : null,
    page: page.ref,
    content,
    startxref: doc.revision.xrefOffset,
  };
}

/** A content stream object body drawing `text` in Helvetica at the top of the page. */
export function textStream(text: string, font = 'F1'): string {
  const ops = `BT /${font} 13 Tf 56 780 Td (${text}) Tj ET`;
  return `<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`;
}

/** Append `objects` (and a cross-reference section shaped by `options`) to `signed`, written to `out`. */
export function appendRawUpdate(signed: string, out: string, objects: readonly RawObject[], options: RawUpdateOptions = {}): void {
  const base = readFileSync(signed);
  const shape = signedShape(signed);
  const parts: string[] = ['\n'];
  let at = base.length + 1;
  const offsets = new Map<number, { offset: number; gen: number }>();
  for (const o of objects) {
    const text = `${o.num} ${o.gen ?? 0} obj\n${o.body}\nendobj\n`;
    offsets.set(o.num, { offset: at, gen: o.gen ?? 0 });
    parts.push(text);
    at += Buffer.byteLength(text, 'latin1');
  }
  const mode = options.trailer ?? 'dictionary';
  if (mode !== 'none') {
    const entries = new Map<number, { offset: number; gen: number }>();
    for (const [num, e] of offsets) if (!options.unlisted?.includes(num)) entries.set(num, e);
    for (const [num, target] of Object.entries(options.pointAt ?? {})) entries.set(Number(num), { offset: offsets.get(target)!.offset, gen: 0 });
    const size = Math.max(shape.size, ...[...entries.keys()].map((n) => n + 1));
    let xref = 'xref\n0 1\n0000000000 65535 f\r\n';
    for (const [num, e] of [...entries].sort((a, b) => a[0] - b[0]))
      xref += `${num} 1\n${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
    const keys = `/Size ${size} /Root ${shape.root.num} ${shape.root.gen} R${shape.info ? ` /Info ${shape.info.num} ${shape.info.gen} R` : ''} /Prev ${shape.startxref}`;
    xref += `trailer\n${mode === 'bare' ? keys : `<< ${keys} >>`}\nstartxref\n${at}\n%%EOF\n`;
    parts.push(xref);
  }
  writeFileSync(out, Buffer.concat([base, Buffer.from(parts.join(''), 'latin1')]));
}
