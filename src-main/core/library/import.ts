import path from 'node:path';
import type { ImportOutcome, Version } from '../../../src-shared/api/index.js';
import { InkstoneError, serializeError } from '../../../src-shared/errors/index.js';
import { DocumentStore } from './document-store.js';
import type { Library } from './library.js';
import { inspectPdf, type InspectLimits, type PdfInspector } from './pdf-inspector.js';
import { earlierVersionOf, lineageOf } from './version-lineage.js';

export interface IncomingFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** Add the files as documents of this contract instead of one new contract per file. */
  contractId?: string;
  /** Add the file as the next version of this document of `contractId` (drafting's exports). */
  documentId?: string;
  /** Where the bytes came from (default `import`; `drafting` for a draft's export). */
  origin?: Version['origin'];
  maxBytes?: number;
  /** Time and memory one file may take to read (DEFAULT_INSPECT_LIMITS). */
  inspectLimits?: Partial<InspectLimits>;
  /** The inspector that reads the files (default: the process's shared one). */
  inspector?: PdfInspector;
  onProgress?: (done: number, total: number, name: string) => void;
  signal?: AbortSignal;
  /**
   * Verify a PDF that carries signature fields; its verdict is stored with the version. Injected by
   * the caller so the library does not depend on the verifier. A verifier failure never fails the
   * import: the version is then simply unverified.
   */
  verify?: (bytes: Uint8Array, name: string) => Promise<{ verdict: 'valid' | 'invalid' | 'indeterminate'; verifiedAt: string } | null>;
}

export const DEFAULT_MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/**
 * Import PDFs, each on its own: one bad file is reported and the rest go on. A file either lands
 * completely (bytes stored, rows written, audit entry) or leaves nothing behind — a failure after
 * its bytes were stored removes them again unless another version already used the same bytes.
 * Importing bytes the library already holds is not an error: the outcome names the existing contract.
 * A PDF whose earlier revision is a stored version, or that carries a stored document's original
 * identifier, becomes that document's next version. A new contract's status follows its signatures.
 * Every file gets an outcome, in order, including those a cancellation skipped.
 */
export async function importFiles(library: Library, files: readonly IncomingFile[], options: ImportOptions = {}): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  for (const [i, file] of files.entries()) {
    const name = path.basename(file.name);
    try {
      // Cancelling stops between files: what was imported stays, the rest is reported as cancelled.
      if (options.signal?.aborted) throw new InkstoneError('CANCELLED');
      outcomes.push(await importOne(library, { name, bytes: file.bytes }, maxBytes, options));
    } catch (err) {
      const e = serializeError(err);
      outcomes.push({ ok: false, name, error: { code: e.code, message: e.message, details: { ...e.details } } });
    }
    options.onProgress?.(i + 1, files.length, name);
  }
  return outcomes;
}

async function importOne(
  library: Library,
  file: IncomingFile,
  maxBytes: number,
  { contractId, documentId, origin, verify, inspectLimits, inspector }: ImportOptions,
): Promise<ImportOutcome> {
  if (file.bytes.length > maxBytes) throw new InkstoneError('IMPORT_TOO_LARGE', { name: file.name, limitMb: Math.round(maxBytes / 1048576) });
  // Bytes the library already holds were read when they first came in: no need to read them again.
  const sha256 = DocumentStore.hash(file.bytes);
  const existing = library.findBySha256(sha256);
  if (existing && !contractId) return { ok: true, name: file.name, contractId: existing.contractId, duplicateOf: existing.contractId };
  const facts = inspector ? await inspector.inspect(file.name, file.bytes, inspectLimits) : await inspectPdf(file.name, file.bytes, inspectLimits);

  const lineage = lineageOf(file.bytes);
  const { created } = await library.store.put(file.bytes);
  try {
    const version = {
      sha256,
      size: file.bytes.length,
      pageCount: facts.pageCount,
      signatureFieldCount: facts.signatureFieldCount,
      origin: origin ?? 'import',
      text: facts.text,
      originalId: lineage.originalId,
    };
    const verification = facts.signatureFieldCount > 0 && verify ? await verify(file.bytes, file.name).catch(() => null) : null;
    const placed = library.db.transaction(() => {
      // The next version of a named document (a draft exported again), or of the stored version this
      // PDF is a later revision of (a signed copy coming back); otherwise a new document.
      const earlier = documentId ? null : earlierVersionOf(library, file.bytes, lineage);
      const target = contractId ?? earlier?.contractId ?? library.createContract({ title: facts.title ?? stripExtension(file.name) }).id;
      const nextOf = documentId ?? (earlier && earlier.contractId === target ? earlier.documentId : null);
      const added = nextOf ? library.addVersion(nextOf, version) : { ...library.addDocument(target, file.name, version), number: null };
      if (verification) library.recordVerification(added.versionId, verification, JSON.stringify(verification));
      return { contractId: target, version: added.number };
    })();
    return { ok: true, name: file.name, contractId: placed.contractId, duplicateOf: null, version: placed.version };
  } catch (err) {
    if (created && !library.findBySha256(sha256)) await library.store.remove(sha256);
    throw err;
  }
}

function stripExtension(name: string): string {
  return name.replace(/\.pdf$/i, '') || name;
}
