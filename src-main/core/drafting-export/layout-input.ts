import type { Language } from '../../../src-shared/i18n/index.js';

/**
 * The typesetter's input: a contract as the page sees it — styled runs in blocks — with numbering
 * already resolved to text. Drafts and redlines are mapped to this form; nothing here knows about
 * the editor.
 */
export interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  /** Redline colours; ink otherwise. */
  mark?: 'inserted' | 'deleted' | 'moved';
}

export interface Run {
  text: string;
  style?: RunStyle;
}

export type LayoutBlock =
  | { kind: 'title'; runs: Run[] }
  | { kind: 'heading'; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; indent?: number; align?: 'justify' | 'center' | 'left' }
  | { kind: 'table'; rows: Run[][][] }
  | {
      kind: 'signature';
      /** Each line of the block; the first ("甲方（盖章）：") gets the signature field beside it. */
      lines: Run[][];
      /** The field's name in the PDF's form (ASCII, unique in the document). */
      fieldName: string;
    }
  | { kind: 'pageBreak' };

export interface LayoutDocument {
  title: string;
  language: Language;
  blocks: LayoutBlock[];
}

/** Plain text of runs, as a reader of the page would read it. */
export const runsText = (runs: readonly Run[]): string => runs.map((r) => r.text).join('');
