import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  leafHash,
  inclusionProof,
  consistencyProof,
  verifyInclusion,
  verifyConsistency,
  MerkleFrontier,
  rangeNodes,
  EMPTY_ROOT,
  type NodeReader,
} from '../../src-main/core/evidence/index.js';

// A deliberately naive reference: RFC 6962 §2.1 read literally, recursing over arrays of leaves.
const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const refLeaf = (d: Buffer) => sha(Buffer.from([0]), d);
function k(n: number): number {
  let x = 1;
  while (x * 2 < n) x *= 2;
  return x;
}
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return refLeaf(d[0]);
  const s = k(d.length);
  return sha(Buffer.from([1]), mth(d.slice(0, s)), mth(d.slice(s)));
}
function refPath(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s ? [...refPath(m, d.slice(0, s)), mth(d.slice(s))] : [...refPath(m - s, d.slice(s)), mth(d.slice(0, s))];
}
function refSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s ? [...refSubproof(m, d.slice(0, s), b), mth(d.slice(s))] : [...refSubproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
}

/** Random-but-repeatable sizes (a tiny LCG keeps failures reproducible). */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

function build(n: number) {
  const leaves = Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));
  const frontier = MerkleFrontier.empty();
  const nodes = new Map<string, Uint8Array>();
  const roots: Uint8Array[] = [EMPTY_ROOT];
  for (const l of leaves) {
    for (const node of frontier.append(leafHash(l))) nodes.set(`${node.level}/${node.index}`, node.hash);
    roots.push(frontier.root());
  }
  const read: NodeReader = (level, index) => {
    const h = nodes.get(`${level}/${index}`);
    if (!h) throw new Error(`node ${level}/${index} missing`);
    return h;
  };
  return { leaves, read, roots };
}

test('the frontier root equals the reference MTH for every size up to 300', () => {
  const { leaves, roots } = build(300);
  for (let n = 0; n <= 300; n++) assert.deepEqual(Buffer.from(roots[n]), mth(leaves.slice(0, n)), `size ${n}`);
});

test('inclusion proofs match the reference and verify, for random sizes and leaves', () => {
  const { leaves, read, roots } = build(600);
  const r = rng(7);
  for (let i = 0; i < 150; i++) {
    const n = 1 + r(600);
    const m = r(n);
    const proof = inclusionProof(m, n, read);
    assert.deepEqual(
      proof.map((p) => Buffer.from(p)),
      refPath(m, leaves.slice(0, n)),
      `path ${m} in ${n}`,
    );
    assert.ok(verifyInclusion(leafHash(leaves[m]), m, n, proof, roots[n]));
    // Any wrong index, size, leaf or sibling fails.
    assert.ok(!verifyInclusion(leafHash(leaves[(m + 1) % n]), m, n, proof, roots[n]) || n === 1);
    if (proof.length) {
      const at = r(proof.length);
      const bent = proof.map((p, j) => (j === at ? sha(p) : p));
      assert.ok(!verifyInclusion(leafHash(leaves[m]), m, n, bent, roots[n]));
    }
    assert.ok(!verifyInclusion(leafHash(leaves[m]), m, n, proof, roots[n - 1]), 'root of another size');
  }
});

test('consistency proofs match the reference and verify, and a forked history is caught', () => {
  const { leaves, read, roots } = build(600);
  const r = rng(11);
  for (let i = 0; i < 150; i++) {
    const n = 1 + r(600);
    const m = 1 + r(n);
    const proof = consistencyProof(m, n, read);
    assert.deepEqual(
      proof.map((p) => Buffer.from(p)),
      m === n ? [] : refSubproof(m, leaves.slice(0, n), true),
      `proof ${m}→${n}`,
    );
    assert.ok(verifyConsistency(m, n, roots[m], roots[n], proof), `verify ${m}→${n}`);
    if (m < n) {
      // A log that rewrote leaf 0 has a different old root: the same proof must not pass.
      const forked = mth([Buffer.from('rewritten'), ...leaves.slice(1, m)]);
      assert.ok(!verifyConsistency(m, n, forked, roots[n], proof), `fork ${m}→${n}`);
      assert.ok(!verifyConsistency(m, n, roots[m], roots[n - 1], proof), `wrong new root ${m}→${n}`);
    }
  }
});

test('edge cases: empty tree, single leaf, equal sizes, out-of-range indices', () => {
  const { leaves, read, roots } = build(8);
  assert.deepEqual(Buffer.from(EMPTY_ROOT), sha());
  assert.deepEqual(inclusionProof(0, 1, read), []);
  assert.ok(verifyInclusion(leafHash(leaves[0]), 0, 1, [], roots[1]));
  assert.ok(!verifyInclusion(leafHash(leaves[0]), 1, 1, [], roots[1]));
  assert.ok(verifyConsistency(5, 5, roots[5], roots[5], []));
  assert.ok(!verifyConsistency(5, 5, roots[5], roots[6], []));
  assert.ok(!verifyConsistency(6, 5, roots[6], roots[5], []));
  assert.throws(() => inclusionProof(8, 8, read), RangeError);
  assert.deepEqual(rangeNodes(0, 13), [
    { level: 3, index: 0 },
    { level: 2, index: 2 },
    { level: 0, index: 12 },
  ]);
});

test('a frontier rebuilt from stored nodes continues exactly like the original', () => {
  const { leaves, read, roots } = build(700);
  const resumed = MerkleFrontier.at(517, read);
  for (const l of leaves.slice(517)) resumed.append(leafHash(l));
  assert.deepEqual(Buffer.from(resumed.root()), Buffer.from(roots[700]));
});
