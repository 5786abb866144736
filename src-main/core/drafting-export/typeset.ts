import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { FontMetrics } from './font-metrics.js';
import type { LayoutBlock, LayoutDocument, Run, RunStyle } from './layout-input.js';
import { breakLines, type BreakableChar } from './line-breaking.js';

/** A4 in points, with the margins of a typical Chinese contract. */
export const PAGE = { width: 595.28, height: 841.89, left: 72, right: 72, top: 84, bottom: 80 } as const;
export const BODY_SIZE = 10.5; // 五号
const TITLE_SIZE = 16;
const LINE_HEIGHT = 1.65;
/** A seal is 42 mm across: the field leaves room for it. */
export const SIGNATURE_FIELD = { width: 128, height: 128 } as const;

/** Text set on a page: one style, one baseline; `extra[i]` is added space before character i. */
export interface PlacedText {
  x: number;
  y: number;
  size: number;
  style: RunStyle;
  text: string;
  extra: number[];
  width: number;
}

export interface PlacedRule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  mark?: RunStyle['mark'];
}

export interface PlacedField {
  name: string;
  /** Lower-left and upper-right corners. */
  rect: [number, number, number, number];
  label: string;
}

export interface TypesetPage {
  texts: PlacedText[];
  rules: PlacedRule[];
  fields: PlacedField[];
}

/** Pages laid out, ready to be written. Header and footer are added by the writer, who knows the count. */
export interface TypesetDocument {
  pages: TypesetPage[];
  /** Every character drawn, for the font subset. */
  characters: Set<string>;
}

interface StyledChar extends BreakableChar {
  style: RunStyle;
}

export class Typesetter {
  private pages: TypesetPage[] = [];
  private page!: TypesetPage;
  private y = 0;
  private readonly characters = new Set<string>();
  private readonly missing = new Set<string>();
  private readonly widths = new Map<number, number>();

  constructor(private readonly font: FontMetrics) {
    this.newPage();
  }

  static run(font: FontMetrics, doc: LayoutDocument): TypesetDocument {
    const t = new Typesetter(font);
    for (const block of doc.blocks) t.block(block);
    return t.finish();
  }

  /** Width in points of one character at `size`; records characters the face cannot draw. */
  charWidth(ch: string, size: number): number {
    const cp = ch.codePointAt(0)!;
    let units = this.widths.get(cp);
    if (units === undefined) {
      const glyph = this.font.glyphOf(cp);
      if (glyph === 0 && ch !== '\n') this.missing.add(ch);
      units = this.font.advanceOf(glyph);
      this.widths.set(cp, units);
    }
    return (units / this.font.unitsPerEm) * size;
  }

  textWidth(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += this.charWidth(ch, size);
    return w;
  }

  /**
   * The running header (the contract's title over a hairline) and footer (page x of y) of every
   * page; called once the page count is known.
   */
  decorate(title: string, footer: (page: number, pages: number) => string): void {
    const size = 9;
    const width = this.contentWidth;
    let heading = title;
    while (heading.length > 1 && this.textWidth(heading, size) > width) heading = `${Array.from(heading).slice(0, -2).join('')}…`;
    this.pages.forEach((page, i) => {
      const headerY = PAGE.height - PAGE.top + 24;
      const footerY = PAGE.bottom - 36;
      const hw = this.textWidth(heading, size);
      page.texts.push({
        x: PAGE.left + (width - hw) / 2,
        y: headerY,
        size,
        style: {},
        text: heading,
        extra: Array<number>(Array.from(heading).length).fill(0),
        width: hw,
      });
      page.rules.push({ x1: PAGE.left, y1: headerY - 6, x2: PAGE.width - PAGE.right, y2: headerY - 6, width: 0.4 });
      const foot = footer(i + 1, this.pages.length);
      const fw = this.textWidth(foot, size);
      page.texts.push({
        x: PAGE.left + (width - fw) / 2,
        y: footerY,
        size,
        style: {},
        text: foot,
        extra: Array<number>(Array.from(foot).length).fill(0),
        width: fw,
      });
    });
  }

  finish(): TypesetDocument {
    if (this.missing.size > 0) {
      throw new InkstoneError('DRAFT_EXPORT_MISSING_GLYPHS', { characters: [...this.missing].slice(0, 20).join(' ') });
    }
    return { pages: this.pages, characters: this.characters };
  }

  private get contentWidth(): number {
    return PAGE.width - PAGE.left - PAGE.right;
  }

  private newPage(): void {
    this.page = { texts: [], rules: [], fields: [] };
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.top;
  }

  /** Move to a new page unless `height` still fits above the bottom margin. */
  private ensure(height: number): void {
    if (this.y - height < PAGE.bottom && this.y < PAGE.height - PAGE.top) this.newPage();
  }

  block(block: LayoutBlock): void {
    switch (block.kind) {
      case 'title':
        this.paragraph(
          block.runs.map((r) => ({ ...r, style: { ...r.style, bold: true } })),
          { size: TITLE_SIZE, align: 'center', after: TITLE_SIZE },
        );
        return;
      case 'heading':
        this.y -= BODY_SIZE * 0.5;
        this.paragraph(
          block.runs.map((r) => ({ ...r, style: { ...r.style, bold: true } })),
          { keepWithNext: true },
        );
        return;
      case 'paragraph':
        this.paragraph(block.runs, { indent: (block.indent ?? 0) * BODY_SIZE * 2, align: block.align ?? 'justify' });
        return;
      case 'table':
        this.table(block.rows);
        return;
      case 'signature':
        this.signature(block.lines, block.fieldName);
        return;
      case 'pageBreak':
        if (this.page.texts.length > 0) this.newPage();
        return;
    }
  }

  private styledChars(runs: readonly Run[], size: number): StyledChar[] {
    const chars: StyledChar[] = [];
    for (const run of runs) {
      const style = run.style ?? {};
      for (const raw of run.text) {
        // A tab (table cells joined in a comparison, a DOCX tab) is set as a space.
        const ch = raw === '\t' || raw === '\r' ? ' ' : raw;
        chars.push({ ch, width: this.charWidth(ch, size), style });
      }
    }
    return chars;
  }

  /** Lay out runs in a column at (x, width) from the current y; returns the height used. */
  private setLines(chars: readonly StyledChar[], x: number, width: number, size: number, align: 'justify' | 'center' | 'left', breakPages: boolean): number {
    const lineHeight = size * LINE_HEIGHT;
    const top = this.y;
    const placed: Array<{ span: PlacedText; page: TypesetPage }> = [];
    for (const line of breakLines(chars, width)) {
      if (breakPages) this.ensure(lineHeight);
      this.y -= lineHeight;
      const baseline = this.y + (lineHeight - size) / 2 + size * 0.12;
      // Stretch no gap by more than a quarter em: a line that would need more stays a little short.
      const stretch = align === 'justify' && !line.last && line.gaps.length > 0 ? Math.min((width - line.width) / line.gaps.length, size * 0.25) : 0;
      const gaps = new Set(line.gaps);
      let cursor = x + (align === 'center' ? (width - line.width) / 2 : 0);
      let span: PlacedText | null = null;
      for (let k = line.start; k < line.end; k++) {
        const c = chars[k]!;
        const extra = gaps.has(k) ? stretch : 0;
        if (!span || span.style !== c.style) {
          cursor += extra;
          span = { x: cursor, y: baseline, size, style: c.style, text: '', extra: [], width: 0 };
          this.page.texts.push(span);
          placed.push({ span, page: this.page });
          span.extra.push(0);
        } else {
          span.extra.push(extra);
          cursor += extra;
          span.width += extra;
        }
        span.text += c.ch;
        span.width += c.width;
        cursor += c.width;
        this.characters.add(c.ch);
      }
    }
    this.drawRules(placed);
    return top - this.y;
  }

  /** Underlines and strike-throughs (redlines) once each span's width is final. */
  private drawRules(placed: ReadonlyArray<{ span: PlacedText; page: TypesetPage }>): void {
    for (const { span, page } of placed) {
      const { style } = span;
      const offsets = [style.underline ? -span.size * 0.15 : null, style.strike ? span.size * 0.3 : null];
      for (const offset of offsets) {
        if (offset === null) continue;
        page.rules.push({ x1: span.x, y1: span.y + offset, x2: span.x + span.width, y2: span.y + offset, width: span.size * 0.06, mark: style.mark });
      }
    }
  }

  private paragraph(
    runs: readonly Run[],
    options: { size?: number; indent?: number; align?: 'justify' | 'center' | 'left'; after?: number; keepWithNext?: boolean } = {},
  ): void {
    const size = options.size ?? BODY_SIZE;
    const indent = options.indent ?? 0;
    if (options.keepWithNext) this.ensure(size * LINE_HEIGHT * 3);
    this.setLines(this.styledChars(runs, size), PAGE.left + indent, this.contentWidth - indent, size, options.align ?? 'justify', true);
    this.y -= options.after ?? size * 0.4;
  }

  private table(rows: readonly Run[][][]): void {
    const columns = Math.max(1, ...rows.map((r) => r.length));
    const cellWidth = this.contentWidth / columns;
    const pad = 4;
    for (const row of rows) {
      // Measure the row first (lay out on a scratch page), then place it where it fits.
      const heights = row.map((cell) => this.measure(cell, cellWidth - 2 * pad));
      const height = Math.max(BODY_SIZE * LINE_HEIGHT, ...heights) + 2 * pad;
      this.ensure(height);
      const top = this.y;
      row.forEach((cell, c) => {
        this.y = top - pad;
        this.setLines(this.styledChars(cell, BODY_SIZE), PAGE.left + c * cellWidth + pad, cellWidth - 2 * pad, BODY_SIZE, 'left', false);
      });
      const bottom = top - height;
      const border = (x1: number, y1: number, x2: number, y2: number): number => this.page.rules.push({ x1, y1, x2, y2, width: 0.5 });
      border(PAGE.left, top, PAGE.left + columns * cellWidth, top);
      border(PAGE.left, bottom, PAGE.left + columns * cellWidth, bottom);
      for (let c = 0; c <= columns; c++) border(PAGE.left + c * cellWidth, top, PAGE.left + c * cellWidth, bottom);
      this.y = bottom;
    }
    this.y -= BODY_SIZE * 0.6;
  }

  private measure(runs: readonly Run[], width: number): number {
    return breakLines(this.styledChars(runs, BODY_SIZE), width).length * BODY_SIZE * LINE_HEIGHT;
  }

  /**
   * A party's signature block, kept on one page: the first line ("甲方（盖章）：") with the empty
   * signature field right beside it, where the seal goes, then the other lines (representative, date).
   */
  private signature(lines: readonly Run[][], fieldName: string): void {
    const lineHeight = BODY_SIZE * LINE_HEIGHT;
    this.y -= lineHeight * 0.5;
    this.ensure(SIGNATURE_FIELD.height + lineHeight * (lines.length + 1));
    const [first = [], ...rest] = lines;
    const label = first.map((r) => r.text).join('');
    const top = this.y;
    this.y = top - SIGNATURE_FIELD.height / 2 + lineHeight / 2;
    this.setLines(this.styledChars(first, BODY_SIZE), PAGE.left, this.contentWidth, BODY_SIZE, 'left', false);
    const x = PAGE.left + this.textWidth(label, BODY_SIZE) + 6;
    this.page.fields.push({ name: fieldName, rect: [x, top - SIGNATURE_FIELD.height, x + SIGNATURE_FIELD.width, top], label });
    this.y = top - SIGNATURE_FIELD.height - lineHeight * 0.3;
    for (const line of rest) this.setLines(this.styledChars(line, BODY_SIZE), PAGE.left, this.contentWidth, BODY_SIZE, 'left', true);
    this.y -= lineHeight * 0.5;
  }
}
