import { createHash, type Hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { nodeHashName, type SigningHashAlgorithm } from '../crypto-names/index.js';
import { openAtomicWriter, type AtomicWriter } from '../files/index.js';
import { PdfDocument, writeIncrementalUpdate, writeSignaturePlaceholder, type IncrementalUpdate, type SignaturePlaceholder } from '../pdf/index.js';

/**
 * The signed file while it is being written. The input is copied once into a temp file beside the
 * target; each revision (signature, DSS, document timestamp) is then appended to that same temp
 * file, and nothing appears at the target until every revision succeeded (fsync + rename). The
 * input is only ever read.
 *
 * Hashes of everything written so far are kept running, so the digest over a signature's
 * ByteRange and the fingerprint of the output cost one pass over the original bytes in total:
 * only each revision's own appended bytes are read back.
 */

/** How a signature value filled its placeholder. */
export interface EmbeddedValue {
  /** Bytes reserved for the DER value. */
  readonly capacity: number;
  /** Bytes the DER value took. */
  readonly used: number;
}

const CHUNK = 1024 * 1024;

export class PendingOutput {
  /** The document as written so far; null when the pending file changed since it was last opened. */
  private document: PdfDocument | null;
  private size: number;
  private readonly hashes = new Map<SigningHashAlgorithm, Hash>();
  private inputSha256: string | null = null;
  private revisions = 0;

  private constructor(
    private readonly file: AtomicWriter,
    private readonly input: PdfDocument,
    algorithms: readonly SigningHashAlgorithm[],
  ) {
    this.document = input;
    this.size = input.size;
    for (const alg of new Set<SigningHashAlgorithm>(['SHA-256', ...algorithms])) this.hashes.set(alg, createHash(nodeHashName(alg)));
  }

  /**
   * Start the output of `input` at `target`. `algorithms` are the digests ByteRanges will be hashed
   * with (SHA-256 is always kept, for the output's fingerprint).
   */
  static async open(input: PdfDocument, target: string, algorithms: readonly SigningHashAlgorithm[]): Promise<PendingOutput> {
    return new PendingOutput(await openAtomicWriter(target), input, algorithms);
  }

  /** The document as written so far: the input until the first revision is appended. Opened when first asked for. */
  get current(): PdfDocument {
    this.document ??= PdfDocument.openFile(this.file.tempPath);
    return this.document;
  }

  /** Append a revision that carries no signature (a DSS). */
  async appendRevision(update: IncrementalUpdate): Promise<void> {
    this.assertBase(update);
    const baseSize = this.size;
    const written = await writeIncrementalUpdate(update, this.revisionWriter());
    await this.finish(baseSize, written.size);
  }

  /**
   * Append a revision holding a signature placeholder: write it, hash its ByteRange with `algorithm`,
   * ask `value` for the DER to embed (a CMS signature or a timestamp token), embed it.
   */
  async appendSignature(
    update: IncrementalUpdate,
    placeholder: SignaturePlaceholder,
    algorithm: SigningHashAlgorithm,
    value: (byteRangeDigest: Buffer) => Promise<Uint8Array>,
  ): Promise<EmbeddedValue> {
    this.assertBase(update);
    const prefix = this.hashes.get(algorithm);
    if (!prefix) throw new InkstoneError('INTERNAL', { reason: `${algorithm} was not announced when the output was opened` });
    const baseSize = this.size;
    const pending = await writeSignaturePlaceholder(update, placeholder, this.revisionWriter());
    const [, contentsStart, contentsEnd, tailLength] = pending.byteRange;
    // Everything before this revision is already in `prefix`; only the new bytes are read back.
    const hash = prefix.copy();
    await this.readBack(baseSize, contentsStart, hash);
    await this.readBack(contentsEnd, contentsEnd + tailLength, hash);
    const der = await value(hash.digest());
    await pending.embed(der);
    await this.finish(baseSize, pending.written.size);
    return { capacity: pending.capacity, used: der.length };
  }

  /** SHA-256 of the input, known once the first revision is written. */
  get inputFingerprint(): string | null {
    return this.inputSha256;
  }

  /** Make the output durable at its target. Returns its size and SHA-256. */
  async commit(): Promise<{ size: number; sha256: string }> {
    if (this.revisions === 0) throw new InkstoneError('INTERNAL', { reason: 'nothing was written' });
    this.closeDocument();
    await this.file.commit();
    return { size: this.size, sha256: this.hashes.get('SHA-256')!.digest('hex') };
  }

  /** Remove the temp file; the target is left as it was (absent). */
  async abort(): Promise<void> {
    this.closeDocument();
    await this.file.abort();
  }

  private assertBase(update: IncrementalUpdate): void {
    if (update.base !== this.current) throw new InkstoneError('INTERNAL', { reason: 'the update was not built on the output as written so far' });
  }

  /**
   * An AtomicWriter view for `writeIncrementalUpdate`, which writes the base document and then the
   * revision. The first time, the base is the input: its bytes are copied and hashed on the way.
   * Later, the base is this very file: its bytes are already here and are skipped.
   */
  private revisionWriter(): AtomicWriter {
    const file = this.file;
    const baseSize = this.size;
    const copying = this.revisions === 0;
    const hashes = [...this.hashes.values()];
    let position = 0;
    return {
      tempPath: file.tempPath,
      get bytesWritten() {
        return position;
      },
      async write(chunk) {
        const inBase = Math.max(0, Math.min(chunk.length, baseSize - position));
        if (copying && inBase > 0) {
          const head = chunk.subarray(0, inBase);
          for (const h of hashes) h.update(head);
          await file.write(head);
        }
        if (inBase < chunk.length) {
          if (file.bytesWritten !== position + inBase)
            throw new InkstoneError('INTERNAL', { reason: 'the pending file and the revision being written disagree on its length' });
          await file.write(chunk.subarray(inBase));
        }
        position += chunk.length;
      },
      writeAt: (chunk, at) => {
        if (at < baseSize) throw new InkstoneError('INTERNAL', { reason: 'a revision tried to change bytes of an earlier one' });
        return file.writeAt(chunk, at);
      },
      readAt: (length, at) => file.readAt(length, at),
      commit: () => Promise.reject(new InkstoneError('INTERNAL', { reason: 'a revision is committed with the whole output' })),
      abort: () => file.abort(),
    };
  }

  /** The revision `[baseSize, end)` is final: hash it into every running digest and reopen the document. */
  private async finish(baseSize: number, end: number): Promise<void> {
    if (this.revisions === 0) this.inputSha256 = this.hashes.get('SHA-256')!.copy().digest('hex');
    for (const h of this.hashes.values()) await this.readBack(baseSize, end, h);
    this.size = end;
    this.revisions++;
    this.closeDocument();
    this.document = null;
  }

  private async readBack(from: number, to: number, hash: Hash): Promise<void> {
    for (let at = from; at < to; at += CHUNK) {
      const length = Math.min(CHUNK, to - at);
      const chunk = await this.file.readAt(length, at);
      if (chunk.length !== length) throw new InkstoneError('INTERNAL', { reason: 'the pending file is shorter than what was written to it' });
      hash.update(chunk);
    }
  }

  private closeDocument(): void {
    if (this.document && this.document !== this.input) this.document.close();
    this.document = this.input;
  }
}

/**
 * Refuse an output that is the input or already exists. Checked before anything else so that a
 * refusal costs no PIN entry; the final rename still refuses a file that appears meanwhile.
 */
export function checkOutputPath(input: string, output: string): void {
  if (path.resolve(input) === path.resolve(output)) throw new InkstoneError('SIGN_OUTPUT_IS_INPUT', { path: input });
  if (existsSync(output)) throw new InkstoneError('SIGN_OUTPUT_EXISTS', { path: output });
}
