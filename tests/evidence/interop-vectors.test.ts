import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  nodeHash,
  noteSignedBy,
  parseCheckpointText,
  parseNote,
  parseNoteSigner,
  parseNoteVerifier,
  rangeHash,
  signNote,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from '../../src-main/core/evidence/index.js';

/**
 * Our Merkle, note and checkpoint code against vectors published by other implementations, so a
 * receipt we issue verifies anywhere and a bug shared by our code and our own reference cannot hide.
 *
 * Sources (copied as data, not code):
 * - RFC 6962 Merkle tree: github.com/transparency-dev/merkle, testonly/constants.go (leaf inputs, node
 *   and root hashes for sizes 0–8) and proof/verify_test.go (inclusion and consistency proofs; leaf
 *   numbers there are 1-based).
 * - C2SP signed-note: the example of c2sp.org/signed-note (key example.com/foo), and the tests of
 *   golang.org/x/mod/sumdb/note (key PeterNeumann, signer key included, so signing is checked byte
 *   for byte: Ed25519 is deterministic).
 * - C2SP tlog-checkpoint: a checkpoint of the Go checksum database as served by
 *   https://sum.golang.org/latest (tree size 15081221, 10 January 2023, as quoted in a public witness
 *   README); the signature under sum.golang.org's published verifier key is what vouches for it.
 */

const hex = (s: string) => Buffer.from(s, 'hex');
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];
/** [leaf (1-based, as published), tree size, proof]. */
const INCLUSION: ReadonlyArray<readonly [number, number, readonly string[]]> = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [3, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    2,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
/** [first size, second size, proof]. */
const CONSISTENCY: ReadonlyArray<readonly [number, number, readonly string[]]> = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

/** Complete subtree hashes computed with our leafHash/nodeHash only. */
function node(level: number, index: number): Hash {
  return level === 0 ? leafHash(LEAVES[index]) : nodeHash(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
}
const toHex = (h: Uint8Array) => Buffer.from(h).toString('hex');
const flipped = (h: Uint8Array) => {
  const c = Buffer.from(h);
  c[0] ^= 8;
  return c;
};

test('RFC 6962: every complete subtree hash and every root of sizes 0–8 (transparency-dev/merkle)', () => {
  NODES.forEach((level, l) => level.forEach((h, i) => assert.equal(toHex(node(l, i)), h, `node ${l}/${i}`)));
  assert.equal(toHex(EMPTY_ROOT), ROOTS[0]);
  for (let size = 1; size <= 8; size++) assert.equal(toHex(rangeHash(0, size, node)), ROOTS[size], `root of size ${size}`);
});

test('RFC 6962: inclusion proofs match the published ones, verify, and fail when altered', () => {
  for (const [leaf, size, published] of INCLUSION) {
    const index = leaf - 1;
    const proof = inclusionProof(index, size, node);
    assert.deepEqual(proof.map(toHex), published, `proof of leaf ${index} in ${size}`);
    const root = hex(ROOTS[size]);
    const lh = leafHash(LEAVES[index]);
    assert.equal(verifyInclusion(lh, index, size, published.map(hex), root), true);
    assert.equal(verifyInclusion(lh, index + 1, size, published.map(hex), root), false, 'wrong index');
    assert.equal(verifyInclusion(lh, index, size, published.map(hex), hex(ROOTS[0])), false, 'wrong root');
    assert.equal(verifyInclusion(lh, index, size, [...published.map(hex), root], root), false, 'trailing hash');
    published.forEach((_, i) => {
      const bad = published.map(hex);
      bad[i] = flipped(bad[i]);
      assert.equal(verifyInclusion(lh, index, size, bad, root), false, `proof[${i}] altered`);
    });
  }
});

test('RFC 6962: consistency proofs match the published ones, verify, and fail when altered', () => {
  for (const [first, second, published] of CONSISTENCY) {
    assert.deepEqual(consistencyProof(first, second, node).map(toHex), published, `proof ${first} → ${second}`);
    const [r1, r2] = [hex(ROOTS[first]), hex(ROOTS[second])];
    assert.equal(verifyConsistency(first, second, r1, r2, published.map(hex)), true);
    if (!published.length) continue;
    assert.equal(verifyConsistency(first, second, r2, r1, published.map(hex)), false, 'swapped roots');
    assert.equal(verifyConsistency(first, second, r1, r2, published.slice(0, -1).map(hex)), false, 'truncated');
    published.forEach((_, i) => {
      const bad = published.map(hex);
      bad[i] = flipped(bad[i]);
      assert.equal(verifyConsistency(first, second, r1, r2, bad), false, `proof[${i}] altered`);
    });
  }
});

const SPEC_KEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
const GO_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

test('C2SP signed-note: the spec example and the Go note verify; altered text or signature does not', () => {
  for (const [key, note] of [
    [SPEC_KEY, SPEC_NOTE],
    [GO_VERIFIER, GO_NOTE],
  ]) {
    const verifier = parseNoteVerifier(key);
    assert.equal(noteSignedBy(parseNote(note), verifier), true, key);
    assert.equal(noteSignedBy(parseNote(note.replace(/^./u, (c) => (c === 'T' ? 'U' : 'T'))), verifier), false, 'text altered');
    const line = note.slice(note.lastIndexOf(' ') + 1, -1);
    const raw = Buffer.from(line, 'base64');
    raw[4 + 10] ^= 1;
    assert.equal(noteSignedBy(parseNote(note.replace(line, raw.toString('base64'))), verifier), false, 'signature altered');
  }
});

test('C2SP signed-note: signing the Go text with the Go signer key gives the published note byte for byte', () => {
  const signer = parseNoteSigner(GO_SIGNER);
  assert.equal(signer.verifier.encoded, GO_VERIFIER);
  assert.equal(signNote(GO_TEXT, [signer]), GO_NOTE);
});

test('C2SP tlog-checkpoint: a sum.golang.org checkpoint parses and verifies under its published key', () => {
  const note =
    'go.sum database tree\n15081221\nBoMMe1wd25Tco0mYGROkyqxHZWx+hcSCtMV315Lu6Lg=\n\n' +
    '— sum.golang.org Az3grilD7vQqTrv66jRgKM84Y80KTprrSt4bKmiOPxgmS5ZVBTeCl6dUvjYnN13R+C8j0jGY1WnUADGMkok3U0m2Zgo=\n';
  const parsed = parseNote(note);
  const cp = parseCheckpointText(parsed.text);
  assert.equal(cp.origin, 'go.sum database tree');
  assert.equal(cp.size, 15081221);
  assert.equal(Buffer.from(cp.root).toString('base64'), 'BoMMe1wd25Tco0mYGROkyqxHZWx+hcSCtMV315Lu6Lg=');
  const sumdb = parseNoteVerifier('sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8');
  assert.equal(noteSignedBy(parsed, sumdb), true);
  assert.equal(noteSignedBy(parseNote(note.replace('15081221', '15081222')), sumdb), false, 'size altered');
});
