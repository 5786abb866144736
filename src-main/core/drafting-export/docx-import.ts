import mammoth from 'mammoth';
import type { LossKind } from '../../../src-shared/api/draft-files.js';
import { checkDocx, DEFAULT_DOCX_LIMITS, type DocxLimits } from './docx-archive.js';

/**
 * A Word document read into the shape of a draft: articles (from headings, numbered list items and
 * paragraphs that start with a typed article number such as 第三条 / 3.1 / （二）, the typed number
 * dropped because the draft numbers its own), paragraphs, tables, bold and italic. What a draft cannot
 * hold is counted in `lost`, so the person is told instead of finding out later.
 */
export interface ImportedRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export type ImportedBlock =
  | { kind: 'article'; level: number; runs: ImportedRun[]; fromHeading: boolean; typedNumber?: string }
  | { kind: 'paragraph'; runs: ImportedRun[] }
  | { kind: 'table'; rows: ImportedRun[][][] };

export interface ImportedDraft {
  title: string | null;
  blocks: ImportedBlock[];
  lost: Array<{ kind: LossKind; count: number }>;
}

// mammoth's document tree (lib/documents.js); only what we read.
interface MNode {
  type: string;
  children?: MNode[];
  value?: string;
  styleName?: string | null;
  numbering?: { level: string | number; isOrdered: boolean } | null;
  isBold?: boolean;
  isItalic?: boolean;
  isUnderline?: boolean;
  isStrikethrough?: boolean;
  notes?: unknown;
  comments?: unknown[];
}

/** Article numbers people type: 第三条, （二）, 3. / 3、 / 3.1 / 3.1.2, (a). Level 1 to 3. */
const TYPED_NUMBERS: Array<[RegExp, (m: RegExpExecArray) => number]> = [
  [/^\s*第[一二三四五六七八九十百千零〇两\d]+条[\s\u3000]*/, () => 1],
  [/^\s*[（(][一二三四五六七八九十]+[）)]\s*/, () => 2],
  [/^\s*(\d+(?:\.\d+)+)\.?\s*/, (m) => Math.min(3, m[1]!.split('.').length)],
  [/^\s*\d+[.、．](?!\d)\s*/, () => 1],
  [/^\s*[（(][a-z][）)]\s*/, () => 3],
];

function typedNumber(text: string): { length: number; level: number } | null {
  for (const [pattern, level] of TYPED_NUMBERS) {
    const m = pattern.exec(text);
    if (m) return { length: m[0].length, level: level(m) };
  }
  return null;
}

export type { LossKind };

export async function importDocx(name: string, bytes: Uint8Array, limits: DocxLimits = DEFAULT_DOCX_LIMITS): Promise<ImportedDraft> {
  const { archive, parts } = checkDocx(name, bytes, limits);
  let tree: MNode | null = null;
  await mammoth.convertToHtml(
    { buffer: Buffer.from(archive) },
    {
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      // Keep mammoth's own tree and give its HTML writer nothing to do.
      transformDocument: (doc: MNode) => {
        tree = doc;
        return { ...doc, children: [] };
      },
    },
  );
  const reader = new TreeReader();
  if (tree) reader.document(tree);
  // Parts mammoth does not read at all: page headers and footers, embedded objects (Excel, Visio…).
  reader.lose('headerFooter', parts.filter((p) => /^word\/(header|footer)\d*\.xml$/.test(p)).length);
  reader.lose('embeddedObject', parts.filter((p) => p.startsWith('word/embeddings/')).length);
  return reader.result();
}

type RunStyle = Omit<ImportedRun, 'text'>;
const STYLES = ['bold', 'italic', 'underline'] as const;

class TreeReader {
  private readonly blocks: ImportedBlock[] = [];
  private readonly lost = new Map<LossKind, number>();
  private title: string | null = null;

  lose(kind: LossKind, count = 1): void {
    if (count > 0) this.lost.set(kind, (this.lost.get(kind) ?? 0) + count);
  }

  result(): ImportedDraft {
    return { title: this.title, blocks: this.blocks, lost: [...this.lost].map(([kind, count]) => ({ kind, count })) };
  }

  document(doc: MNode): void {
    for (const child of doc.children ?? []) this.block(child);
    const comments = doc.comments?.length ?? 0;
    this.lose('comment', comments);
  }

  private block(node: MNode): void {
    if (node.type === 'paragraph') this.paragraph(node);
    else if (node.type === 'table') this.blocks.push({ kind: 'table', rows: this.table(node) });
    else this.lose('other');
  }

  private paragraph(node: MNode): void {
    const runs = this.runs(node.children ?? [], {});
    const text = runs.map((r) => r.text).join('');
    if (!text.trim()) return;
    const style = (node.styleName ?? '').toLowerCase();
    if (/^(title|标题)$/.test(style) && this.title === null && this.blocks.length === 0) {
      this.title = text.trim();
      return;
    }
    const heading = /^(heading|标题)\s*(\d)$/.exec(style);
    if (heading) {
      this.blocks.push({ kind: 'article', level: Number(heading[2]), runs: dropTypedNumber(runs), fromHeading: true });
      return;
    }
    if (node.numbering) {
      if (!node.numbering.isOrdered) {
        this.lose('bullet');
        this.blocks.push({ kind: 'paragraph', runs });
      } else this.blocks.push({ kind: 'article', level: Number(node.numbering.level) + 1, runs: dropTypedNumber(runs), fromHeading: false });
      return;
    }
    const typed = typedNumber(text);
    if (typed) {
      this.blocks.push({
        kind: 'article',
        level: typed.level,
        runs: dropTypedNumber(runs),
        fromHeading: false,
        typedNumber: text.slice(0, typed.length).trim(),
      });
      return;
    }
    this.blocks.push({ kind: 'paragraph', runs });
  }

  private runs(nodes: readonly MNode[], inherited: RunStyle): ImportedRun[] {
    const out: ImportedRun[] = [];
    const same = (a: RunStyle, b: RunStyle): boolean => STYLES.every((k) => Boolean(a[k]) === Boolean(b[k]));
    const push = (text: string, style: RunStyle): void => {
      const last = out[out.length - 1];
      if (last && same(last, style)) last.text += text;
      else out.push({ text, ...Object.fromEntries(STYLES.filter((k) => style[k]).map((k) => [k, true])) });
    };
    for (const node of nodes) {
      switch (node.type) {
        case 'run': {
          const style = { bold: inherited.bold || node.isBold, italic: inherited.italic || node.isItalic, underline: inherited.underline || node.isUnderline };
          if (node.isStrikethrough) this.lose('strikethrough');
          for (const r of this.runs(node.children ?? [], style)) push(r.text, r);
          break;
        }
        case 'text':
          push(node.value ?? '', inherited);
          break;
        case 'tab':
          push('\t', inherited);
          break;
        case 'break':
          push('\n', inherited);
          break;
        case 'hyperlink':
          this.lose('hyperlink');
          for (const r of this.runs(node.children ?? [], inherited)) push(r.text, r);
          break;
        case 'image':
          this.lose('image');
          break;
        case 'noteReference':
          this.lose('footnote');
          break;
        case 'commentReference':
        case 'bookmarkStart':
          break;
        default:
          this.lose('other');
      }
    }
    return out;
  }

  private table(node: MNode): ImportedRun[][][] {
    const rows: ImportedRun[][][] = [];
    for (const row of node.children ?? []) {
      if (row.type !== 'tableRow') continue;
      const cells: ImportedRun[][] = [];
      for (const cell of row.children ?? []) {
        if (cell.type !== 'tableCell') continue;
        const runs: ImportedRun[] = [];
        for (const child of cell.children ?? []) {
          if (child.type === 'table') {
            this.lose('nestedTable');
            continue;
          }
          if (child.type !== 'paragraph') continue;
          if (runs.length) runs.push({ text: '\n' });
          runs.push(...this.runs(child.children ?? [], {}));
        }
        cells.push(runs);
      }
      rows.push(cells);
    }
    return rows;
  }
}

/** The draft numbers its own articles: a number typed into the text would be said twice. */
function dropTypedNumber(runs: ImportedRun[]): ImportedRun[] {
  const first = runs[0];
  if (!first) return runs;
  const typed = typedNumber(first.text);
  if (!typed) return runs;
  const rest = first.text.slice(typed.length);
  return rest ? [{ ...first, text: rest }, ...runs.slice(1)] : runs.slice(1);
}
