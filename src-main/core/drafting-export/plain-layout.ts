import type { PlainBlock, PlainDraft, PlainInline } from '../../../src-shared/drafting/index.js';
import { DRAFT_TEXT } from '../../../src-shared/drafting/index.js';
import { say } from '../../../src-shared/i18n/index.js';
import type { LayoutBlock, LayoutDocument, Run } from './layout-input.js';
import { LAYOUT_TEXT } from './messages.js';

/**
 * A draft's plain form as the page shows it: title, parties, recitals, numbered articles with their
 * sub-clauses and items indented, tables, and a signature block per party whose first line
 * ("甲方（盖章）：") gets the empty signature field.
 */
export function layoutOfDraft(draft: PlainDraft): LayoutDocument {
  const lang = draft.language;
  const blocks: LayoutBlock[] = [];
  blocks.push({ kind: 'title', runs: [{ text: draft.title || DRAFT_TEXT.untitled[lang] }] });
  for (const party of draft.parties) {
    const who = party.organisation || party.name;
    blocks.push({ kind: 'paragraph', align: 'left', runs: [{ text: say(LAYOUT_TEXT.labelled, lang, { label: party.role, value: who }) }] });
    if (party.registrationNumber) {
      blocks.push({
        kind: 'paragraph',
        align: 'left',
        indent: 1,
        runs: [{ text: say(LAYOUT_TEXT.labelled, lang, { label: DRAFT_TEXT.registrationNumber[lang], value: party.registrationNumber }) }],
      });
    }
  }
  const recitals = draft.recitals.filter((r) => inlineRuns(r.content).some((run) => run.text.trim()));
  if (recitals.length) {
    blocks.push({ kind: 'paragraph', runs: [{ text: DRAFT_TEXT.recitals[lang] }] });
    for (const r of recitals) blocks.push({ kind: 'paragraph', indent: 1, runs: [{ text: `${r.number} ` }, ...inlineRuns(r.content)] });
  }
  for (const block of draft.body) blocks.push(...bodyBlock(block, 0, lang));
  for (const sig of draft.signatures) {
    blocks.push({
      kind: 'signature',
      fieldName: sig.fieldName,
      lines: [sig.labels.seal, sig.labels.signatory, sig.labels.date].map((label) => [{ text: say(LAYOUT_TEXT.signatureLine, lang, { label }) }]),
    });
  }
  return { title: draft.title || DRAFT_TEXT.untitled[lang], language: lang, blocks };
}

export function inlineRuns(content: readonly PlainInline[]): Run[] {
  return content.map((i): Run => {
    if (i.kind === 'lineBreak') return { text: '\n' };
    if (i.kind === 'reference') return { text: i.text };
    const style = {
      bold: i.styles.includes('bold') || undefined,
      italic: i.styles.includes('italic') || undefined,
      underline: i.styles.includes('underline') || undefined,
    };
    return { text: i.text, style };
  });
}

/** Text of plain blocks, paragraphs on their own lines (for table cells and comparisons). */
export function blocksText(blocks: readonly PlainBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'paragraph':
          return inlineRuns(b.content)
            .map((r) => r.text)
            .join('');
        case 'article':
          return [
            `${b.number} ${inlineRuns(b.heading)
              .map((r) => r.text)
              .join('')}`.trim(),
            blocksText(b.blocks),
          ]
            .filter(Boolean)
            .join('\n');
        case 'clause':
        case 'item':
          return `${b.number}${blocksText(b.blocks)}`;
        case 'table':
          return b.rows.map((row) => row.map((cell) => blocksText(cell.blocks)).join('\t')).join('\n');
        case 'pageBreak':
          return '';
      }
    })
    .filter(Boolean)
    .join('\n');
}

function bodyBlock(block: PlainBlock, depth: number, lang: PlainDraft['language']): LayoutBlock[] {
  switch (block.kind) {
    case 'article': {
      const heading = inlineRuns(block.heading);
      const [first, ...rest] = block.blocks;
      // An article without a heading starts its first paragraph with the number: 第一条 本合同…
      if (!heading.some((r) => r.text.trim()) && first?.kind === 'paragraph') {
        return [
          {
            kind: 'paragraph',
            runs: [{ text: say(LAYOUT_TEXT.numbered, lang, { number: block.number, text: '' }), style: { bold: true } }, ...inlineRuns(first.content)],
          },
          ...rest.flatMap((b) => bodyBlock(b, depth + 1, lang)),
        ];
      }
      return [
        { kind: 'heading', runs: [{ text: say(LAYOUT_TEXT.numbered, lang, { number: block.number, text: '' }) }, ...heading] },
        ...block.blocks.flatMap((b) => bodyBlock(b, depth + 1, lang)),
      ];
    }
    case 'clause':
    case 'item': {
      const [first, ...rest] = block.blocks;
      const lead: LayoutBlock[] =
        first?.kind === 'paragraph'
          ? [
              {
                kind: 'paragraph',
                indent: depth,
                runs: [{ text: say(LAYOUT_TEXT.clauseNumber, lang, { number: block.number, text: '' }) }, ...inlineRuns(first.content)],
              },
            ]
          : [{ kind: 'paragraph', indent: depth, runs: [{ text: block.number }] }, ...(first ? bodyBlock(first, depth + 1, lang) : [])];
      return [...lead, ...rest.flatMap((b) => bodyBlock(b, depth + 1, lang))];
    }
    case 'paragraph':
      return [{ kind: 'paragraph', indent: Math.max(0, depth - 1), runs: inlineRuns(block.content) }];
    case 'table':
      return [
        {
          kind: 'table',
          rows: block.rows.map((row) => row.map((cell) => [{ text: blocksText(cell.blocks), style: cell.header ? { bold: true } : undefined }])),
        },
      ];
    case 'pageBreak':
      return [{ kind: 'pageBreak' }];
  }
}
