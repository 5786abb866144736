import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { LayoutBlock, LayoutDocument, Run } from './layout-input.js';
import { EXPORT_TEXT } from './messages.js';

/**
 * The same contract as a Word document, for a counterparty who edits in Word: the title, articles as
 * Heading 1 paragraphs (Word's navigation pane and our own import both see them as articles), body
 * text, tables, signature blocks as plain lines (a .docx has no signature fields), the title in the
 * header and "第 x 页 共 y 页" as live page fields in the footer.
 */
export async function exportDocx(doc: LayoutDocument): Promise<Uint8Array> {
  const children = doc.blocks.flatMap((block) => blockContent(block));
  const document = new Document({
    title: doc.title,
    creator: 'Inkstone',
    styles: {
      default: {
        document: { run: { font: { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'SimSun' }, size: 21, language: { value: doc.language, eastAsia: 'zh-CN' } } },
      },
    },
    sections: [
      {
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.title, size: 18 })] })] }),
        },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: pageOf(doc) })] }) },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** "第 {page} 页 共 {pages} 页" with the two numbers as Word fields. */
function pageOf(doc: LayoutDocument): TextRun[] {
  const fields: Record<string, (typeof PageNumber)[keyof typeof PageNumber]> = { '{page}': PageNumber.CURRENT, '{pages}': PageNumber.TOTAL_PAGES };
  return EXPORT_TEXT.pageOf[doc.language]
    .split(/(\{pages?\})/)
    .filter(Boolean)
    .map((part) => (fields[part] ? new TextRun({ children: [fields[part]], size: 18 }) : new TextRun({ text: part, size: 18 })));
}

function textRuns(runs: readonly Run[], extra: { bold?: boolean } = {}): TextRun[] {
  return runs.flatMap((run) =>
    run.text.split('\n').map(
      (text, i) =>
        new TextRun({
          text,
          break: i > 0 ? 1 : undefined,
          bold: extra.bold || run.style?.bold,
          italics: run.style?.italic,
          underline: run.style?.underline ? {} : undefined,
          strike: run.style?.strike,
          color: run.style?.mark === 'inserted' ? '00733A' : run.style?.mark === 'deleted' ? 'BF1A1A' : run.style?.mark === 'moved' ? '1A4DCC' : undefined,
        }),
    ),
  );
}

function blockContent(block: LayoutBlock): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: textRuns(block.runs, { bold: true }) })];
    case 'heading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_1, children: textRuns(block.runs) })];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: block.align === 'center' ? AlignmentType.CENTER : block.align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
          indent: block.indent ? { left: block.indent * 420 } : undefined,
          children: textRuns(block.runs),
        }),
      ];
    case 'table': {
      const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
          rows: block.rows.map(
            (row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph({ children: textRuns(cell) })] })) }),
          ),
        }),
      ];
    }
    case 'signature':
      return block.lines.map((line, i) => new Paragraph({ spacing: { before: i === 0 ? 480 : 120, after: i === 0 ? 1200 : 0 }, children: textRuns(line) }));
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}
