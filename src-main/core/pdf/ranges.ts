import { createHash } from 'node:crypto';
import type { PdfSource } from './source.js';

/**
 * Hashing the bytes a signature's `/ByteRange` names, in bounded chunks so memory stays flat for
 * large files. Used by the signer (reading back the pending file) and the verifier (reading the
 * source).
 */

const CHUNK = 1024 * 1024;

/** `[offset, length]` pieces of at most 1 MiB covering each `[start, length]` range in order. */
export function* rangeChunks(ranges: ReadonlyArray<readonly [number, number]>): Generator<[number, number]> {
  for (const [start, length] of ranges) {
    for (let pos = start; pos < start + length; pos += CHUNK) yield [pos, Math.min(CHUNK, start + length - pos)];
  }
}

/** The `[start, length]` pairs of a `/ByteRange`, or null if it is not pairs of non-negative integers. */
export function byteRangePairs(byteRange: readonly number[]): Array<[number, number]> | null {
  if (byteRange.length === 0 || byteRange.length % 2 !== 0) return null;
  if (!byteRange.every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < byteRange.length; i += 2) pairs.push([byteRange[i], byteRange[i + 1]]);
  return pairs;
}

/**
 * Digest of the bytes a `/ByteRange` names in `source`. Null when the ByteRange is malformed or
 * reaches past the end of the file: ranges are never clamped, because a signature claiming bytes
 * that are not there does not cover this file.
 */
export function digestByteRange(source: PdfSource, byteRange: readonly number[], algorithm = 'sha256'): Buffer | null {
  const pairs = byteRangePairs(byteRange);
  if (!pairs || pairs.some(([start, length]) => start + length > source.size)) return null;
  const hash = createHash(algorithm);
  for (const [pos, length] of rangeChunks(pairs)) hash.update(source.read(pos, length));
  return hash.digest();
}
