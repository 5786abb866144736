/**
 * Mutations of valid signed PDFs for fuzzing the verifier: bit flips, truncation, damage to the
 * cross-reference data, deep nesting, huge lengths and counts, and damage to the signature's CMS.
 * Seeded, so a failing case can be replayed from its seed alone.
 */

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Strategy = 'bit-flips' | 'truncate' | 'xref-damage' | 'deep-nesting' | 'huge-lengths' | 'cms-damage' | 'splice' | 'byte-range';

export const STRATEGIES: readonly Strategy[] = ['bit-flips', 'truncate', 'xref-damage', 'deep-nesting', 'huge-lengths', 'cms-damage', 'splice', 'byte-range'];

const int = (r: () => number, n: number) => Math.floor(r() * n);

/** Every occurrence of `needle` in `bytes` (up to 64). */
function occurrences(bytes: Buffer, needle: string): number[] {
  const out: number[] = [];
  for (let at = bytes.indexOf(needle); at >= 0 && out.length < 64; at = bytes.indexOf(needle, at + 1)) out.push(at);
  return out;
}

function pick<T>(r: () => number, items: readonly T[]): T | undefined {
  return items.length ? items[int(r, items.length)] : undefined;
}

/** Overwrite the digits after `key` at a random occurrence with `value`. */
function replaceNumberAfter(bytes: Buffer, r: () => number, key: string, value: string): Buffer {
  const at = pick(r, occurrences(bytes, key));
  if (at === undefined) return bytes;
  let end = at + key.length;
  while (end < bytes.length && (bytes[end] === 0x20 || (bytes[end] >= 0x30 && bytes[end] <= 0x39))) end++;
  return Buffer.concat([bytes.subarray(0, at + key.length), Buffer.from(` ${value}`, 'latin1'), bytes.subarray(end)]);
}

/** One mutation of `original` chosen by `seed`. */
export function mutate(original: Uint8Array, seed: number): { bytes: Uint8Array; strategy: Strategy } {
  const r = rng(seed);
  const strategy = STRATEGIES[int(r, STRATEGIES.length)];
  let b: Buffer = Buffer.from(original);
  switch (strategy) {
    case 'bit-flips': {
      const n = 1 + int(r, 16);
      for (let i = 0; i < n; i++) b[int(r, b.length)] ^= 1 << int(r, 8);
      break;
    }
    case 'truncate':
      b = b.subarray(0, int(r, b.length));
      break;
    case 'xref-damage': {
      const targets = [
        ...occurrences(b, 'xref'),
        ...occurrences(b, 'startxref'),
        ...occurrences(b, '/Prev'),
        ...occurrences(b, 'trailer'),
        ...occurrences(b, '/XRefStm'),
      ];
      const at = pick(r, targets) ?? int(r, b.length);
      const junk = Buffer.from(['9999999999', '-1', '0', 'xref', '<<', '\n%%EOF\n', '00000 65535 f'][int(r, 7)], 'latin1');
      junk.copy(b, Math.min(b.length - 1, at + int(r, 24)));
      break;
    }
    case 'deep-nesting': {
      const depth = 1000 + int(r, 60_000);
      const open = r() < 0.5 ? '[' : '<< /K ';
      const at = pick(r, occurrences(b, ' obj')) ?? int(r, b.length);
      b = Buffer.concat([b.subarray(0, at + 4), Buffer.from(`\n${open.repeat(depth)}`, 'latin1'), b.subarray(at + 4)]);
      break;
    }
    case 'huge-lengths': {
      const key = pick(r, ['/Length', '/Count', '/Size', '/N', '/First', '/W [', '/Index [']) ?? '/Length';
      const value = pick(r, ['4294967295', '999999999999', '-5', '2147483647', '0', '1e308']) ?? '0';
      b = replaceNumberAfter(b, r, key, value);
      break;
    }
    case 'cms-damage': {
      const at = pick(r, occurrences(b, '/Contents <'));
      if (at === undefined) break;
      const start = at + '/Contents <'.length;
      const n = 1 + int(r, 8);
      // Hex digits only, so the string stays a string and the damage reaches the CMS parser.
      for (let i = 0; i < n; i++) b[start + int(r, 4096)] = '0123456789ABCDEF'.charCodeAt(int(r, 16));
      break;
    }
    case 'splice': {
      const from = int(r, b.length);
      const length = int(r, 4096);
      const to = int(r, b.length);
      b = Buffer.concat([b.subarray(0, to), b.subarray(from, from + length), b.subarray(to)]);
      break;
    }
    case 'byte-range':
      b = replaceNumberAfter(b, r, '/ByteRange [0', pick(r, ['0 0 0', '1 2 3', '999999999 1 1', '5 4 3', '-1 -1 -1']) ?? '0 0 0');
      break;
  }
  return { bytes: new Uint8Array(b), strategy };
}
