import { InkstoneError } from '../../../src-shared/errors/index.js';
import { openAtomicWriter } from '../files/index.js';
import { readSignatures } from './integrity.js';
import { openInput, type PdfInput } from './verify-document.js';

/**
 * "View signed version": the exact bytes a signature covers — the file as it was when that
 * signature was made, its own signature included — so a person can open what was really signed,
 * whatever later updates show. Copied in chunks (flat memory) and written crash-safely.
 */

export interface SignedVersion {
  /** 1-based, document order (as in the verification result). */
  readonly index: number;
  readonly fieldName: string;
  /** 0-based revision. */
  readonly revision: number;
  readonly bytes: number;
}

const CHUNK = 1024 * 1024;

/** The signature `index` and where the bytes it covers end, or a typed error. */
function locate(doc: ReturnType<typeof openInput>, index: number): { version: SignedVersion; end: number } {
  const readings = readSignatures(doc);
  const reading = Number.isInteger(index) && index >= 1 ? readings[index - 1] : undefined;
  if (!reading) throw new InkstoneError('VERIFY_NO_SUCH_SIGNATURE', { index, count: readings.length });
  const br = reading.byteRange;
  if (!br.hashable || !br.gapIsContents || br.end === null || br.revision === null) {
    throw new InkstoneError('VERIFY_SIGNED_VERSION_UNAVAILABLE', { index, reason: 'its /ByteRange does not name the end of a revision' });
  }
  return { version: { index, fieldName: reading.info.fieldName, revision: br.revision, bytes: br.end }, end: br.end };
}

/** Write the version signature `index` covers to `output` (a new file). */
export async function extractSignedVersion(input: PdfInput, index: number, output: string): Promise<SignedVersion> {
  const doc = openInput(input);
  try {
    const { version, end } = locate(doc, index);
    const writer = await openAtomicWriter(output);
    try {
      for (let pos = 0; pos < end; pos += CHUNK) await writer.write(doc.source.read(pos, Math.min(CHUNK, end - pos)));
      await writer.commit();
    } catch (err) {
      await writer.abort();
      throw err;
    }
    return version;
  } finally {
    doc.close();
  }
}

/** The version signature `index` covers, in memory (for the UI, which shows or saves it). */
export async function readSignedVersion(input: PdfInput, index: number): Promise<SignedVersion & { data: Buffer }> {
  const doc = openInput(input);
  try {
    const { version, end } = locate(doc, index);
    const data = Buffer.allocUnsafe(end);
    for (let pos = 0; pos < end; pos += CHUNK) data.set(doc.source.read(pos, Math.min(CHUNK, end - pos)), pos);
    return { ...version, data };
  } finally {
    doc.close();
  }
}
