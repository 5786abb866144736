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

/** Write the version signature `index` covers to `output` (a new file). */
export async function extractSignedVersion(input: PdfInput, index: number, output: string): Promise<SignedVersion> {
  const doc = openInput(input);
  try {
    const readings = readSignatures(doc);
    const reading = readings[index - 1];
    if (!reading || !Number.isInteger(index)) throw new InkstoneError('VERIFY_NO_SUCH_SIGNATURE', { index, count: readings.length });
    const br = reading.byteRange;
    if (!br.hashable || !br.gapIsContents || br.end === null || br.revision === null) {
      throw new InkstoneError('VERIFY_SIGNED_VERSION_UNAVAILABLE', { index, reason: 'its /ByteRange does not name the end of a revision' });
    }
    const writer = await openAtomicWriter(output);
    try {
      for (let pos = 0; pos < br.end; pos += CHUNK) await writer.write(doc.source.read(pos, Math.min(CHUNK, br.end - pos)));
      await writer.commit();
    } catch (err) {
      await writer.abort();
      throw err;
    }
    return { index, fieldName: reading.info.fieldName, revision: br.revision, bytes: br.end };
  } finally {
    doc.close();
  }
}
