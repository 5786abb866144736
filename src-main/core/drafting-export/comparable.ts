import type { PlainBlock, PlainDraft } from '../../../src-shared/drafting/index.js';
import { say } from '../../../src-shared/i18n/index.js';
import { LAYOUT_TEXT } from './messages.js';
import { blocksText, inlineRuns } from './plain-layout.js';
import type { ComparableBlock } from './redline.js';

/**
 * A draft as the list of units a redline compares: title, each party, each recital, each article
 * (its heading and own paragraphs), each sub-clause and item, other body text and tables, each
 * signature block. Numbered units carry their stable id, so renumbering is no change and a moved
 * article is recognised as the same article.
 */
export function comparableBlocks(draft: PlainDraft): ComparableBlock[] {
  const out: ComparableBlock[] = [{ id: 'title', text: draft.title }];
  for (const p of draft.parties)
    out.push({ id: `party:${p.partyId}`, text: say(LAYOUT_TEXT.labelled, draft.language, { label: p.role, value: p.organisation || p.name }) });
  draft.recitals.forEach((r) => out.push({ label: r.number, text: text(inlineRuns(r.content)) }));
  const walk = (block: PlainBlock): void => {
    switch (block.kind) {
      case 'article': {
        const own = block.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'table');
        const heading = text(inlineRuns(block.heading));
        out.push({ id: block.id, label: block.number, text: [heading, blocksText(own)].filter(Boolean).join('\n') });
        block.blocks.filter((b) => b.kind === 'clause' || b.kind === 'item').forEach(walk);
        return;
      }
      case 'clause':
      case 'item': {
        out.push({ id: block.id, label: block.number, text: blocksText(block.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'table')) });
        block.blocks.filter((b) => b.kind === 'clause' || b.kind === 'item').forEach(walk);
        return;
      }
      case 'pageBreak':
        return;
      default:
        out.push({ text: blocksText([block]) });
    }
  };
  draft.body.forEach(walk);
  for (const s of draft.signatures) out.push({ id: `signature:${s.partyId}`, text: s.labels.seal });
  return out.filter((b) => b.id !== undefined || b.text !== '');
}

const text = (runs: ReadonlyArray<{ text: string }>): string => runs.map((r) => r.text).join('');
