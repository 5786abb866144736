import type { Box } from './geometry.js';

/**
 * Finding words on the pages, from pdf.js's text content (the runs of text a text layer is built
 * from): the viewer's "place at text" and the CLI's `--at-keyword` use this one finder. Text is compared without white space, since a PDF spaces and splits runs as it likes
 * ("甲方（盖章）" may come as "甲方", "（盖章）"), and each match is boxed in points on the shown page.
 */

/** A run of text and where it sits on the shown page: the box of its whole string. */
export interface TextRun {
  readonly str: string;
  readonly box: Box;
}

/** Where a match starts and ends: run index and character within the run (end exclusive). */
export interface RunSpan {
  readonly from: { run: number; char: number };
  readonly to: { run: number; char: number };
}

const SPACE = /\s/u;

/** Every place `needle` occurs in the runs read in order, white space ignored on both sides. */
export function findInRuns(runs: readonly { str: string }[], needle: string): RunSpan[] {
  const wanted = [...needle].filter((c) => !SPACE.test(c)).join('');
  if (!wanted) return [];
  const chars: Array<{ c: string; run: number; char: number }> = [];
  runs.forEach((r, run) => {
    let char = 0;
    for (const c of r.str) {
      if (!SPACE.test(c)) chars.push({ c, run, char });
      char += c.length;
    }
  });
  const text = chars.map((x) => x.c).join('');
  const spans: RunSpan[] = [];
  // Index in `text` counts UTF-16 units, as `chars` does for characters outside the BMP.
  const unitToChar: number[] = [];
  chars.forEach((x, i) => {
    for (let k = 0; k < x.c.length; k++) unitToChar.push(i);
  });
  for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + wanted.length)) {
    const first = chars[unitToChar[at]];
    const last = chars[unitToChar[at + wanted.length - 1]];
    spans.push({ from: { run: first.run, char: first.char }, to: { run: last.run, char: last.char + last.c.length } });
  }
  return spans;
}

/** The box of a span, each run cut in proportion to its characters (runs are set in one font). */
export function spanBox(runs: readonly TextRun[], span: RunSpan): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let r = span.from.run; r <= span.to.run; r++) {
    const run = runs[r];
    const length = run.str.length || 1;
    const start = r === span.from.run ? span.from.char : 0;
    const end = r === span.to.run ? span.to.char : run.str.length;
    const left = run.box.x + (run.box.width * start) / length;
    const right = run.box.x + (run.box.width * end) / length;
    x0 = Math.min(x0, left);
    x1 = Math.max(x1, right);
    y0 = Math.min(y0, run.box.y);
    y1 = Math.max(y1, run.box.y + run.box.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

export interface TextMatch {
  /** 1-based page number. */
  readonly page: number;
  readonly box: Box;
  /** The matched text as the page has it. */
  readonly text: string;
}

/** The part of a pdf.js document the finder reads (the renderer's and Node's pdf.js both fit). */
export interface TextPages {
  readonly numPages: number;
  getPage(pageNumber: number): Promise<{
    getViewport(params: { scale: number }): { height: number; convertToViewportRectangle(rect: number[]): number[] };
    getTextContent(): Promise<{ items: ReadonlyArray<{ str?: string; type?: string; transform?: number[]; width?: number; height?: number }> }>;
  }>;
}

/** The runs of one page, boxed in points from the shown page's lower-left corner. */
async function pageRuns(doc: TextPages, pageNumber: number): Promise<TextRun[]> {
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!item.str || !item.transform) continue;
    const [, , c, d, e, f] = item.transform;
    // From a little below the baseline (descenders) to the top of the font's height.
    const h = item.height || Math.hypot(c, d);
    const [ax, ay, bx, by] = viewport.convertToViewportRectangle([e, f - 0.2 * h, e + (item.width ?? 0), f + 0.9 * h]);
    const box = { x: Math.min(ax, bx), y: viewport.height - Math.max(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
    runs.push({ str: item.str, box });
  }
  return runs;
}

/** Every occurrence of `needle` in the document, page by page (at most `limit`). */
export async function findText(doc: TextPages, needle: string, limit = 100): Promise<TextMatch[]> {
  const out: TextMatch[] = [];
  for (let page = 1; page <= doc.numPages && out.length < limit; page++) {
    const runs = await pageRuns(doc, page);
    for (const span of findInRuns(runs, needle)) {
      const text = runs
        .slice(span.from.run, span.to.run + 1)
        .map((r, i, all) => r.str.slice(i === 0 ? span.from.char : 0, i === all.length - 1 ? span.to.char : undefined))
        .join('');
      out.push({ page, box: spanBox(runs, span), text });
      if (out.length >= limit) break;
    }
  }
  return out;
}
