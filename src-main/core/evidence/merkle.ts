import { createHash, hash } from 'node:crypto';

/**
 * Merkle tree hashing and proofs of RFC 6962 / RFC 9162 — the one implementation the desktop (which
 * verifies receipts offline) and the evidence service (which builds the log) share.
 *
 * A tree over leaves D[0:n] is addressed by complete subtrees: node (level, index) covers leaves
 * [index·2^level, (index+1)·2^level). Those nodes never change once complete, which is what lets the
 * service store them in immutable tiles. Every other hash a proof needs — the ragged right edge of a
 * tree whose size is not a power of two — is folded from complete subtrees on demand.
 */

export type Hash = Uint8Array;

export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** Reads the hash of a complete subtree (level, index). */
export type NodeReader = (level: number, index: number) => Hash;

export const HASH_SIZE = 32;

/** MTH({}) — the root of the empty tree. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

// One-shot hashing (crypto.hash) of one reused input buffer costs about half of createHash()…
// update()…digest() for these 33- and 65-byte inputs, and nodes are hashed by the thousand.
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

export function leafHash(leaf: Uint8Array): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return hash('sha256', nodeInput, 'buffer');
}

function assertSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** The largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The complete subtrees whose hashes make up MTH(D[begin:end]), largest first. `begin` must be aligned
 * so that the range is a subtree or a right edge of one — true of every range RFC 9162 proofs use.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  assertSize('begin', begin);
  assertSize('end', end);
  if (end <= begin) throw new RangeError(`empty range [${begin}, ${end})`);
  const nodes: NodeId[] = [];
  let lo = begin;
  while (lo < end) {
    const size = end - lo;
    // Largest power of two ≤ size that lo is aligned to.
    let level = 0;
    while (2 ** (level + 1) <= size && lo % 2 ** (level + 1) === 0) level++;
    nodes.push({ level, index: lo / 2 ** level });
    lo += 2 ** level;
  }
  return nodes;
}

/** MTH(D[begin:end]) from complete-subtree hashes: the right fold RFC 9162 defines. */
export function rangeHash(begin: number, end: number, read: NodeReader): Hash {
  const nodes = rangeNodes(begin, end);
  let acc = read(nodes[nodes.length - 1].level, nodes[nodes.length - 1].index);
  for (let i = nodes.length - 2; i >= 0; i--) acc = nodeHash(read(nodes[i].level, nodes[i].index), acc);
  return acc;
}

/** The ranges whose hashes form the inclusion path of leaf m in a tree of size n (RFC 9162 §2.1.3.1), leaf first. */
export function inclusionRanges(m: number, n: number): Array<[number, number]> {
  assertSize('leaf index', m);
  assertSize('tree size', n);
  if (m >= n) throw new RangeError(`leaf ${m} is outside a tree of size ${n}`);
  const topDown: Array<[number, number]> = [];
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m < lo + k) {
      topDown.push([lo + k, hi]);
      hi = lo + k;
    } else {
      topDown.push([lo, lo + k]);
      lo += k;
    }
  }
  return topDown.reverse();
}

/** The ranges whose hashes form the consistency proof from size m to size n (RFC 9162 §2.1.4.1). */
export function consistencyRanges(m: number, n: number): Array<[number, number]> {
  assertSize('old size', m);
  assertSize('new size', n);
  if (m > n) throw new RangeError(`old size ${m} is larger than new size ${n}`);
  if (m === 0 || m === n) return [];
  const topDown: Array<[number, number]> = [];
  let lo = 0;
  let hi = n;
  let first = m; // m relative to lo
  let b = true;
  for (;;) {
    const size = hi - lo;
    if (first === size) {
      if (!b) topDown.push([lo, hi]);
      break;
    }
    const k = splitPoint(size);
    if (first <= k) {
      topDown.push([lo + k, hi]);
      hi = lo + k;
    } else {
      topDown.push([lo, lo + k]);
      lo += k;
      first -= k;
      b = false;
    }
  }
  return topDown.reverse();
}

/** Every complete subtree a set of ranges needs: what the service loads before building proofs. */
export function nodesForRanges(ranges: ReadonlyArray<readonly [number, number]>): NodeId[] {
  return ranges.flatMap(([a, b]) => rangeNodes(a, b));
}

export function inclusionProof(m: number, n: number, read: NodeReader): Hash[] {
  return inclusionRanges(m, n).map(([a, b]) => rangeHash(a, b, read));
}

export function consistencyProof(m: number, n: number, read: NodeReader): Hash[] {
  return consistencyRanges(m, n).map(([a, b]) => rangeHash(a, b, read));
}

function equalHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}

/** One step of an inclusion proof: the sibling hash, on which side it sits, and the parent it gives. */
export interface InclusionStep {
  readonly sibling: Hash;
  readonly side: 'left' | 'right';
  readonly parent: Hash;
}

/**
 * RFC 9162 §2.1.3.2 as a walk from the leaf to the root, one step per proof hash — what an evidence
 * certificate prints so that anyone can redo the arithmetic. Null when the proof has the wrong shape
 * for (index, size).
 */
export function inclusionWalk(leaf: Hash, index: number, size: number, proof: readonly Hash[]): { steps: InclusionStep[]; root: Hash } | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  if (proof.some((p) => p.length !== HASH_SIZE)) return null;
  let fn = index;
  let sn = size - 1;
  let r: Hash = leaf;
  const steps: InclusionStep[] = [];
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      steps.push({ sibling: p, side: 'left', parent: r });
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
      steps.push({ sibling: p, side: 'right', parent: r });
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? { steps, root: r } : null;
}

/** RFC 9162 §2.1.3.2: does `proof` lead from `leaf` (a leaf hash) at `index` to `root` of a tree of `size`? */
export function verifyInclusion(leaf: Hash, index: number, size: number, proof: readonly Hash[], root: Hash): boolean {
  const walk = inclusionWalk(leaf, index, size, proof);
  return walk !== null && equalHash(walk.root, root);
}

/** RFC 9162 §2.1.4.2: is the tree (second, secondRoot) an append-only extension of (first, firstRoot)? */
export function verifyConsistency(first: number, second: number, firstRoot: Hash, secondRoot: Hash, proof: readonly Hash[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  if (first === second) return proof.length === 0 && equalHash(firstRoot, secondRoot);
  // Every tree extends the empty tree; there is nothing to prove.
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = [...proof];
  if (isPowerOfTwo(first)) path.unshift(firstRoot);
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalHash(fr, firstRoot) && equalHash(sr, secondRoot);
}

function isPowerOfTwo(n: number): boolean {
  let x = n;
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}

/** A node that became complete while appending: level, index and hash. */
export interface CompletedNode extends NodeId {
  readonly hash: Hash;
}

/**
 * The right edge of a growing tree (a "compact range" over [0, size)): the hashes of its maximal
 * complete subtrees, largest first. Appending a leaf merges equal-sized neighbours; each merge
 * completes a node the service must store. The root folds the edge right to left.
 */
export class MerkleFrontier {
  #size: number;
  readonly #edge: Array<{ level: number; hash: Hash }>;

  private constructor(size: number, edge: Array<{ level: number; hash: Hash }>) {
    this.#size = size;
    this.#edge = edge;
  }

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** Rebuild the frontier of a tree of `size` from stored complete-subtree hashes. */
  static at(size: number, read: NodeReader): MerkleFrontier {
    if (size === 0) return MerkleFrontier.empty();
    return new MerkleFrontier(
      size,
      rangeNodes(0, size).map((n) => ({ level: n.level, hash: read(n.level, n.index) })),
    );
  }

  get size(): number {
    return this.#size;
  }

  /** Append a leaf hash; returns every node completed by it, the leaf itself first. */
  append(leaf: Hash): CompletedNode[] {
    const completed: CompletedNode[] = [{ level: 0, index: this.#size, hash: leaf }];
    this.#edge.push({ level: 0, hash: leaf });
    this.#size++;
    while (this.#edge.length >= 2 && this.#edge[this.#edge.length - 1].level === this.#edge[this.#edge.length - 2].level) {
      const right = this.#edge.pop()!;
      const left = this.#edge.pop()!;
      const level = left.level + 1;
      const hash = nodeHash(left.hash, right.hash);
      this.#edge.push({ level, hash });
      completed.push({ level, index: this.#size / 2 ** level - 1, hash });
    }
    return completed;
  }

  root(): Hash {
    if (this.#edge.length === 0) return EMPTY_ROOT;
    let acc = this.#edge[this.#edge.length - 1].hash;
    for (let i = this.#edge.length - 2; i >= 0; i--) acc = nodeHash(this.#edge[i].hash, acc);
    return acc;
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier(
      this.#size,
      this.#edge.map((e) => ({ ...e })),
    );
  }
}
