import type { Redline, RedlineBlock } from './api/draft-files.js';

/**
 * What a redline becomes once the person has accepted or rejected its changes — shared by the
 * redline view (its preview) and the core. A change not decided counts as accepted (the newer
 * version stands); rejecting restores the older text: a rejected deletion brings the block back where
 * it was, a rejected move leaves it where it was.
 */
export type Decision = 'accept' | 'reject';

export interface DecidedBlock {
  fromIndex: number | null;
  toIndex: number | null;
  text: string;
}

export function applyDecisions(redline: Redline, decisions: Readonly<Record<number, Decision>>): DecidedBlock[] {
  const accepted = (change: number | undefined): boolean => change === undefined || decisions[change] !== 'reject';
  const out: DecidedBlock[] = [];
  for (const block of redline.blocks) {
    const keep = { fromIndex: block.fromIndex, toIndex: block.toIndex };
    switch (block.status) {
      case 'inserted':
        if (accepted(block.change)) out.push({ ...keep, text: block.segments.map((s) => s.text).join('') });
        break;
      case 'deleted':
        if (!accepted(block.change)) out.push({ ...keep, text: block.segments.map((s) => s.text).join('') });
        break;
      case 'movedAway': {
        const moved = redline.blocks.find((b) => b.status === 'moved' && b.change === block.change);
        if (!accepted(block.change) && moved) out.push({ ...keep, text: textOf(moved, accepted) });
        break;
      }
      case 'moved':
        if (accepted(block.change)) out.push({ ...keep, text: textOf(block, accepted) });
        break;
      default:
        out.push({ ...keep, text: textOf(block, accepted) });
    }
  }
  return out;
}

/** A block's text with each of its changes taken or not. */
export function textOf(block: RedlineBlock, accepted: (change: number | undefined) => boolean): string {
  let text = '';
  for (const s of block.segments) {
    if (s.op === 'equal' || (s.op === 'insert' && accepted(s.change)) || (s.op === 'delete' && !accepted(s.change))) text += s.text;
  }
  return text;
}
