import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PADES_CORPUS_DIR } from '../../fixtures/pdfs.js';

/**
 * The valid signed PDFs the fuzzer mutates: a single whole-file signature (classic table), a
 * two-signature incremental file, a certified document with DocMDP, a document timestamp over a
 * signature (cross-reference streams, object streams), and the wrapped-signature attack file.
 * Small ones, so that ten thousand cases fit a CI run.
 */
export const FUZZ_BASE_FILES = [
  'pdf-signed-original.pdf',
  'hello_signed_INCSAVE_signed.pdf',
  'dss-2554/certified-changes-permitted.pdf',
  'pades-tst-with-null-type.pdf',
  'siwa.pdf',
];

export function fuzzBases(): Uint8Array[] {
  return FUZZ_BASE_FILES.map((f) => new Uint8Array(readFileSync(path.join(PADES_CORPUS_DIR, f))));
}
