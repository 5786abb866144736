import { say, type Language } from '../../../src-shared/i18n/index.js';
import type { LayoutBlock, LayoutDocument, Run, RunStyle } from './layout-input.js';
import { LAYOUT_TEXT } from './messages.js';
import type { Redline, RedlineBlock } from '../../../src-shared/api/draft-files.js';

const INSERTED: RunStyle = { underline: true, mark: 'inserted' };
const DELETED: RunStyle = { strike: true, mark: 'deleted' };
const MOVED: RunStyle = { mark: 'moved', italic: true };

/**
 * A redline as pages: insertions green and underlined, deletions red and struck through, a moved
 * unit in blue at its new place with a note where it came from (and a note at the old place), and
 * each change's number after it, so a printed redline can be discussed change by change.
 */
export function layoutOfRedline(redline: Redline, info: { title: string; from: string; to: string; language: Language }): LayoutDocument {
  const lang = info.language;
  const title = say(LAYOUT_TEXT.redlineTitle, lang, { title: info.title });
  const blocks: LayoutBlock[] = [
    { kind: 'title', runs: [{ text: title }] },
    { kind: 'paragraph', align: 'center', runs: [{ text: say(LAYOUT_TEXT.redlineVersions, lang, { from: info.from, to: info.to }) }] },
    { kind: 'paragraph', runs: [{ text: say(LAYOUT_TEXT.redlineLegend, lang), style: { italic: true } }] },
  ];
  for (const block of redline.blocks) blocks.push({ kind: 'paragraph', runs: blockRuns(block, lang) });
  return { title, language: lang, blocks };
}

function blockRuns(block: RedlineBlock, lang: Language): Run[] {
  const runs: Run[] = [];
  // A unit no longer in the new version is named by its old number.
  const label = block.status === 'movedAway' || block.status === 'deleted' ? block.fromLabel : (block.toLabel ?? block.fromLabel);
  if (label) runs.push({ text: `${label} `, style: { bold: true } });
  const note = (text: string): number => runs.push({ text, style: MOVED });
  if (block.status === 'movedAway') {
    note(say(LAYOUT_TEXT.movedTo, lang, { to: block.toLabel ?? '' }));
    runs.push({ text: block.segments.map((s) => s.text).join(''), style: { strike: true, mark: 'moved' } });
    return runs;
  }
  if (block.status === 'moved') note(say(LAYOUT_TEXT.movedFrom, lang, { from: block.fromLabel ?? '' }));
  block.segments.forEach((s, i) => {
    runs.push({ text: s.text, style: s.op === 'insert' ? INSERTED : s.op === 'delete' ? DELETED : block.status === 'moved' ? { mark: 'moved' } : undefined });
    const next = block.segments[i + 1];
    if (s.change !== undefined && next?.change !== s.change)
      runs.push({ text: say(LAYOUT_TEXT.changeNumber, lang, { n: s.change }), style: { mark: s.op === 'insert' ? 'inserted' : 'deleted' } });
  });
  if (block.status === 'moved' && block.change !== undefined)
    runs.push({ text: say(LAYOUT_TEXT.changeNumber, lang, { n: block.change }), style: { mark: 'moved' } });
  return runs;
}
