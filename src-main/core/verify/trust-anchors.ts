import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { TrustStore } from '../pki/index.js';

/**
 * The certificates a user has chosen to trust for verification, kept as files (PEM or DER) in one
 * folder of the library (`trusted-certificates/`). Nothing else is trusted: no operating-system
 * store, no certificate a document brings. A missing folder is an empty store.
 */

export const TRUSTED_CERTIFICATES_FOLDER = 'trusted-certificates';
const CERTIFICATE_FILE = /\.(pem|crt|cer|der)$/i;

/** The trust store of a folder. PKI_TRUST_FILE_INVALID names a file that holds no certificate. */
export async function trustStoreFromFolder(dir: string): Promise<TrustStore> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new TrustStore();
    throw new InkstoneError('IO_ERROR', { reason: (err as Error).message, path: dir }, { cause: err });
  }
  return TrustStore.fromFiles(names.filter((n) => CERTIFICATE_FILE.test(n)).sort().map((n) => path.join(dir, n)));
}
