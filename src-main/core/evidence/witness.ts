import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { verifyConsistency } from './merkle.js';
import { parseNoteVerifier } from './note.js';

/**
 * The desktop's memory of each evidence log: its key (trusted on first use, then pinned), the TSA
 * roots its receipts chained to, and the largest checkpoint seen. Every new checkpoint must be
 * consistent with the remembered one — so a log that shows one history to this desktop and another
 * to someone else is caught the moment both views meet here.
 */
export interface RememberedLog {
  readonly verifierKey: string;
  readonly size: number;
  readonly root: string;
  readonly note: string;
  readonly tsaRoots: readonly string[];
  readonly seenAt: string;
}

interface WitnessFile {
  readonly version: 1;
  readonly logs: Record<string, RememberedLog>;
}

/** Fetches an RFC 9162 consistency proof (hex hashes) from the log. */
export type ConsistencySource = (first: number, second: number) => Promise<string[]>;

export class CheckpointWitness {
  readonly #file: string;

  constructor(stateDir: string) {
    this.#file = path.join(stateDir, 'evidence-logs.json');
  }

  async #read(): Promise<WitnessFile> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.#file, 'utf8')) as WitnessFile;
      if (parsed.version !== 1 || typeof parsed.logs !== 'object') throw new Error('unknown format');
      return parsed;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, logs: {} };
      throw new InkstoneError('IO_ERROR', { reason: `the evidence log memory ${this.#file} is unreadable: ${(err as Error).message}`, path: this.#file });
    }
  }

  async #write(data: WitnessFile): Promise<void> {
    await fs.mkdir(path.dirname(this.#file), { recursive: true });
    await writeFileAtomic(this.#file, `${JSON.stringify(data, null, 2)}\n`, { overwrite: true });
  }

  async remembered(origin: string): Promise<RememberedLog | null> {
    return (await this.#read()).logs[origin] ?? null;
  }

  /**
   * Check a signed checkpoint of log `origin` against memory, and remember it if it is newer.
   * Throws EVIDENCE_LOG_KEY_UNTRUSTED (a different key than the one pinned),
   * EVIDENCE_CHECKPOINT_SIGNATURE_INVALID, or EVIDENCE_CONSISTENCY_INVALID (a forked log).
   */
  async observe(origin: string, verifierKey: string, note: string, consistency: ConsistencySource): Promise<Checkpoint> {
    const data = await this.#read();
    const known = data.logs[origin];
    if (known && known.verifierKey.trim() !== verifierKey.trim()) {
      throw new InkstoneError('EVIDENCE_LOG_KEY_UNTRUSTED', { origin, fingerprint: verifierKey });
    }
    const cp = openCheckpoint(note, parseNoteVerifier(verifierKey));
    if (cp.origin !== origin) throw new InkstoneError('EVIDENCE_CHECKPOINT_MALFORMED', { reason: `checkpoint of “${cp.origin}” offered for “${origin}”` });
    const root = Buffer.from(cp.root).toString('hex');
    if (known) {
      const oldRoot = Buffer.from(known.root, 'hex');
      const forked = () =>
        new InkstoneError('EVIDENCE_CONSISTENCY_INVALID', { origin, oldSize: Math.min(known.size, cp.size), newSize: Math.max(known.size, cp.size) });
      if (cp.size === known.size) {
        if (root !== known.root) throw forked();
        return cp;
      }
      const [small, smallRoot, big, bigRoot] = cp.size > known.size ? [known.size, oldRoot, cp.size, cp.root] : [cp.size, cp.root, known.size, oldRoot];
      const proof = (await consistency(small, big)).map((h) => Buffer.from(h, 'hex'));
      if (!verifyConsistency(small, big, smallRoot, bigRoot, proof)) throw forked();
      if (cp.size < known.size) return cp;
    }
    data.logs[origin] = { verifierKey: verifierKey.trim(), size: cp.size, root, note, tsaRoots: known?.tsaRoots ?? [], seenAt: new Date().toISOString() };
    await this.#write(data);
    return cp;
  }

  /** Remember a TSA root (SHA-256 of its certificate) this log's receipts chain to. */
  async rememberTsaRoot(origin: string, rootSha256: string): Promise<void> {
    const data = await this.#read();
    const known = data.logs[origin];
    if (!known || known.tsaRoots.includes(rootSha256)) return;
    data.logs[origin] = { ...known, tsaRoots: [...known.tsaRoots, rootSha256] };
    await this.#write(data);
  }
}
