import { createHash, type Hash } from 'node:crypto';
import { digestByteRange, type PdfSource } from '../pdf/index.js';
import { nodeHashName, type HashAlgorithm } from '../crypto-names/index.js';

/**
 * Hashing what every signature signed, and the whole file, in ONE pass over the file. Signatures in
 * successive revisions cover nested prefixes of the file, each minus its own `/Contents` gap, so a
 * running hash of the file is forked (Hash.copy) where each gap starts and the fork continues after
 * the gap to the signature's end. A 20 MB file with ten signatures is read once, not eleven times,
 * and memory stays at one chunk. Unusual ByteRanges fall back to hashing their ranges directly.
 */

const CHUNK = 1024 * 1024;

/** A request: the digest of `[0, gapStart) ∪ [gapEnd, end)` with `algorithm`. */
export interface SignedRangeRequest {
  readonly byteRange: readonly [number, number, number, number];
  readonly algorithm: HashAlgorithm;
}

export interface SignedBytesDigests {
  /** SHA-256 of the whole file (the document's fingerprint in reports). */
  readonly fileSha256: string;
  /** One digest per request, in request order. */
  readonly digests: readonly Uint8Array[];
}

interface Fork {
  readonly index: number;
  readonly gapStart: number;
  readonly gapEnd: number;
  readonly end: number;
  hash: Hash | null;
}

/**
 * Digest every request and the file. Every request must be hashable (`0 < a < b ≤ b + c ≤ size`);
 * the caller checks that first. `shouldStop` is polled between chunks so a caller's time budget can
 * cut a hostile file short (it then throws whatever the callback throws).
 */
export function digestSignedRanges(source: PdfSource, requests: readonly SignedRangeRequest[], shouldStop: () => void = () => undefined): SignedBytesDigests {
  const digests: Uint8Array[] = new Array(requests.length);
  const forks: Fork[] = requests.map((r, index) => ({
    index,
    gapStart: r.byteRange[1],
    gapEnd: r.byteRange[2],
    end: r.byteRange[2] + r.byteRange[3],
    hash: null,
  }));
  // One running hash per algorithm, fed from byte 0 up to the last gap that forks from it.
  const running = new Map<HashAlgorithm, { hash: Hash; until: number }>();
  running.set('SHA-256', { hash: createHash('sha256'), until: source.size });
  requests.forEach((r) => {
    const run = running.get(r.algorithm);
    if (run) run.until = Math.max(run.until, r.byteRange[1]);
    else running.set(r.algorithm, { hash: createHash(nodeHashName(r.algorithm)), until: r.byteRange[1] });
  });

  const breaks = new Set<number>([0, source.size]);
  for (const f of forks) [f.gapStart, f.gapEnd, f.end].forEach((p) => breaks.add(p));
  for (const run of running.values()) breaks.add(run.until);
  const points = [...breaks].filter((p) => p <= source.size).sort((x, y) => x - y);

  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    for (const f of forks) if (f.gapStart === from) f.hash = running.get(requests[f.index].algorithm)!.hash.copy();
    const feeding = [...running.values()].filter((run) => from < run.until).map((run) => run.hash);
    for (const f of forks) if (f.hash && from >= f.gapEnd && to <= f.end) feeding.push(f.hash);
    for (let pos = from; pos < to && feeding.length; pos += CHUNK) {
      shouldStop();
      const chunk = source.read(pos, Math.min(CHUNK, to - pos));
      for (const h of feeding) h.update(chunk);
    }
    for (const f of forks) if (f.end === to && f.hash) digests[f.index] = new Uint8Array(f.hash.digest());
  }
  for (const f of forks)
    if (!digests[f.index]) digests[f.index] = new Uint8Array(f.hash?.digest() ?? createHash(nodeHashName(requests[f.index].algorithm)).digest());
  return { fileSha256: running.get('SHA-256')!.hash.digest('hex'), digests };
}

/** The digest of arbitrary `/ByteRange` pairs (ranges never clamped); null when they leave the file. */
export function digestRanges(source: PdfSource, byteRange: readonly number[], algorithm: HashAlgorithm): Uint8Array | null {
  const d = digestByteRange(source, byteRange, nodeHashName(algorithm));
  return d ? new Uint8Array(d) : null;
}
