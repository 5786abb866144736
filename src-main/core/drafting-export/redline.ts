import { diffArrays } from 'diff';
import type { ChangeKind, Redline, RedlineBlock, RedlineBlockStatus, RedlineChange, RedlineSegment, SegmentOp } from '../../../src-shared/api/draft-files.js';

/**
 * Comparing two versions of a contract the way a lawyer reads a redline: blocks (articles,
 * paragraphs) are matched first — by identity when the draft gives one, then by identical text, then
 * by position and similarity — so renumbering is no change and a moved article is one move, not a
 * deletion plus an insertion. Inside a matched block the text is compared character by character for
 * Chinese (and Japanese/Korean) and word by word for Latin text. Every difference carries a change
 * number the person can accept or reject on its own.
 */
export interface ComparableBlock {
  /** Stable identity across versions (the draft's block id), when there is one. */
  id?: string;
  /** The number shown before it ("第三条", "3.1"), not compared: renumbering is no change. */
  label?: string;
  text: string;
}

/** Han, kana and CJK punctuation one character at a time; Latin words, numbers and spaces whole. */
const WIDE = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\uff00-\\uffef\\u2014\\u2026\\u201c\\u201d\\u2018\\u2019';
const LETTER = `(?:(?![${WIDE}])[\\p{L}\\p{N}\\p{M}])`;
const TOKEN = new RegExp(`[${WIDE}]|${LETTER}+(?:['’.,-]${LETTER}+)*|\\s+|.`, 'gsu');

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Compare texts: segments with op, merged where adjacent and alike. */
export function diffText(from: string, to: string): Array<{ op: SegmentOp; text: string }> {
  if (from === to) return from ? [{ op: 'equal', text: from }] : [];
  const parts = diffArrays(tokenize(from), tokenize(to));
  const out: Array<{ op: SegmentOp; text: string }> = [];
  for (const part of parts) {
    const op: SegmentOp = part.added ? 'insert' : part.removed ? 'delete' : 'equal';
    const text = part.value.join('');
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  }
  return out;
}

/** Share of the longer text that the comparison keeps (0 … 1). */
function similarity(from: string, to: string): number {
  const longest = Math.max(from.length, to.length);
  if (longest === 0) return 1;
  let kept = 0;
  for (const s of diffText(from, to)) if (s.op === 'equal') kept += s.text.length;
  return kept / longest;
}

const SIMILAR_ENOUGH = 0.4;

export function compareVersions(from: readonly ComparableBlock[], to: readonly ComparableBlock[]): Redline {
  const pairOfTo = matchBlocks(from, to);
  const pairOfFrom = new Map<number, number>();
  for (const [t, f] of pairOfTo) pairOfFrom.set(f, t);

  // Pairs in the longest run that keeps its order stay put; the others moved.
  const pairs = [...pairOfTo].sort((a, b) => a[1] - b[1]);
  const staying = longestIncreasing(pairs.map(([t]) => t));
  const moved = new Set(pairs.filter((_, i) => !staying.has(i)).map(([t]) => t));

  const blocks: RedlineBlock[] = [];
  const changes: RedlineChange[] = [];
  const newChange = (kind: ChangeKind, block: number): number => {
    const id = changes.length + 1;
    changes.push({ id, kind, block });
    return id;
  };
  const moveChange = new Map<number, number>();

  // Walk the new version; deleted and moved-away blocks appear where they were, before the next
  // block that stayed in place after them.
  let nextFrom = 0;
  const flushFrom = (upTo: number): void => {
    for (; nextFrom < upTo; nextFrom++) {
      const t = pairOfFrom.get(nextFrom);
      const block = from[nextFrom]!;
      if (t === undefined) {
        const id = newChange('deleteBlock', blocks.length);
        blocks.push({
          status: 'deleted',
          fromIndex: nextFrom,
          toIndex: null,
          fromLabel: block.label,
          segments: [{ op: 'delete', text: block.text, change: id }],
          change: id,
        });
      } else if (moved.has(t)) {
        const index = blocks.length;
        blocks.push({
          status: 'movedAway',
          fromIndex: nextFrom,
          toIndex: t,
          fromLabel: block.label,
          toLabel: to[t]!.label,
          segments: [{ op: 'delete', text: block.text }],
        });
        moveChange.set(t, index);
      }
    }
  };

  to.forEach((block, t) => {
    const f = pairOfTo.get(t);
    if (f === undefined) {
      const id = newChange('insertBlock', blocks.length);
      blocks.push({
        status: 'inserted',
        fromIndex: null,
        toIndex: t,
        toLabel: block.label,
        segments: [{ op: 'insert', text: block.text, change: id }],
        change: id,
      });
      return;
    }
    if (!moved.has(t)) flushFrom(f);
    const index = blocks.length;
    const segments = segmentsWithChanges(diffText(from[f]!.text, block.text), (kind) => newChange(kind, index));
    const changed = segments.some((s) => s.op !== 'equal');
    const status: RedlineBlockStatus = moved.has(t) ? 'moved' : changed ? 'changed' : 'unchanged';
    blocks.push({ status, fromIndex: f, toIndex: t, fromLabel: from[f]!.label, toLabel: block.label, segments });
    if (!moved.has(t)) nextFrom = Math.max(nextFrom, f + 1);
  });
  flushFrom(from.length);

  // A move is one change, shown at the destination and linked from the ghost at the origin.
  for (const [index, block] of blocks.entries()) {
    if (block.status !== 'moved') continue;
    const id = newChange('move', index);
    block.change = id;
    const ghost = moveChange.get(block.toIndex!);
    if (ghost !== undefined) blocks[ghost]!.change = id;
  }
  changes.sort((a, b) => a.block - b.block || a.id - b.id);
  return renumberChanges({ blocks, changes });
}

/** Change ids in reading order (1, 2, 3… down the page), whatever order they were found in. */
function renumberChanges(redline: Redline): Redline {
  const map = new Map<number, number>();
  redline.changes.forEach((c, i) => map.set(c.id, i + 1));
  for (const block of redline.blocks) {
    if (block.change !== undefined) block.change = map.get(block.change);
    for (const s of block.segments) if (s.change !== undefined) s.change = map.get(s.change);
  }
  redline.changes = redline.changes.map((c) => ({ ...c, id: map.get(c.id)! }));
  return redline;
}

/** Give each run of non-equal segments one change id (a deletion next to an insertion is a replacement). */
function segmentsWithChanges(segments: Array<{ op: SegmentOp; text: string }>, newChange: (kind: ChangeKind) => number): RedlineSegment[] {
  const out: RedlineSegment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.op === 'equal') {
      out.push(s);
      continue;
    }
    let j = i;
    while (j + 1 < segments.length && segments[j + 1]!.op !== 'equal') j++;
    const run = segments.slice(i, j + 1);
    const kinds = new Set(run.map((r) => r.op));
    const id = newChange(kinds.size > 1 ? 'replace' : s.op === 'insert' ? 'insert' : 'delete');
    for (const r of run) out.push({ ...r, change: id });
    i = j;
  }
  return out;
}

/**
 * Which old block became which new one (new index → old index): same id, else same text (first
 * unused), else — between two matched blocks — the blocks at the same position if similar enough.
 */
function matchBlocks(from: readonly ComparableBlock[], to: readonly ComparableBlock[]): Map<number, number> {
  const pairOfTo = new Map<number, number>();
  const usedFrom = new Set<number>();
  const byId = new Map<string, number>();
  from.forEach((b, i) => b.id !== undefined && byId.set(b.id, i));
  to.forEach((b, t) => {
    const f = b.id !== undefined ? byId.get(b.id) : undefined;
    if (f !== undefined && !usedFrom.has(f)) {
      pairOfTo.set(t, f);
      usedFrom.add(f);
    }
  });
  const byText = new Map<string, number[]>();
  from.forEach((b, i) => {
    if (usedFrom.has(i) || b.id !== undefined) return;
    const list = byText.get(b.text) ?? [];
    list.push(i);
    byText.set(b.text, list);
  });
  to.forEach((b, t) => {
    if (pairOfTo.has(t) || b.id !== undefined) return;
    const list = byText.get(b.text);
    const f = list?.shift();
    if (f !== undefined) {
      pairOfTo.set(t, f);
      usedFrom.add(f);
    }
  });
  // Unmatched blocks between anchors: pair by position when similar (an edited clause).
  let lastFrom = -1;
  let pendingTo: number[] = [];
  const settle = (fromEnd: number): void => {
    const pendingFrom: number[] = [];
    for (let f = lastFrom + 1; f < fromEnd; f++) if (!usedFrom.has(f)) pendingFrom.push(f);
    let k = 0;
    for (const t of pendingTo) {
      while (k < pendingFrom.length) {
        const f = pendingFrom[k++]!;
        if (similarity(from[f]!.text, to[t]!.text) >= SIMILAR_ENOUGH) {
          pairOfTo.set(t, f);
          usedFrom.add(f);
          break;
        }
      }
    }
    pendingTo = [];
  };
  to.forEach((_, t) => {
    const f = pairOfTo.get(t);
    if (f === undefined) {
      pendingTo.push(t);
      return;
    }
    if (f > lastFrom) {
      settle(f);
      lastFrom = f;
    }
  });
  settle(from.length);
  pairMovedAndEdited(from, to, pairOfTo, usedFrom);
  return pairOfTo;
}

/** Most pairs compared when looking for blocks that were both moved and edited (a bound on the cost). */
const MAX_MOVE_CANDIDATES = 40_000;

/**
 * A block left unmatched on both sides may have been moved and edited: pair it with the most
 * similar unmatched old block anywhere, if that is clearly the same clause.
 */
function pairMovedAndEdited(from: readonly ComparableBlock[], to: readonly ComparableBlock[], pairOfTo: Map<number, number>, usedFrom: Set<number>): void {
  const openTo = to.map((_, t) => t).filter((t) => !pairOfTo.has(t));
  const openFrom = from.map((_, f) => f).filter((f) => !usedFrom.has(f));
  if (openTo.length * openFrom.length > MAX_MOVE_CANDIDATES) return;
  for (const t of openTo) {
    let best = -1;
    let bestScore = 0.6;
    for (const f of openFrom) {
      if (usedFrom.has(f)) continue;
      const a = from[f]!.text.length;
      const b = to[t]!.text.length;
      if (Math.min(a, b) < bestScore * Math.max(a, b)) continue;
      const score = similarity(from[f]!.text, to[t]!.text);
      if (score > bestScore) {
        best = f;
        bestScore = score;
      }
    }
    if (best >= 0) {
      pairOfTo.set(t, best);
      usedFrom.add(best);
    }
  }
}

/** Indices (into `values`) of one longest strictly increasing subsequence. O(n log n). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) keep.add(i);
  return keep;
}
