import type { SerializedError } from '../../../src-shared/errors/index.js';
import { signBatch } from '../signing/index.js';
import type { CryptokiLoader } from '../tokens/index.js';
import { trustStoreFromFolder } from '../verify/index.js';
import { checkConsentedKey, openSigner, signatureOptions, type SignTask } from './signing-work.js';

/**
 * A batch signing's key work, run in one long-work thread that holds the token session for the
 * whole batch: the key is opened once with the PIN (one C_Login; the PIN bytes are wiped by the
 * token layer right after), checked against the certificate the person consented to, and the
 * engine's `signBatch` signs every document into its own output file. Each document is reported
 * the moment it is signed or has failed, so the core's thread can verify it in the other thread
 * while this one signs the next. Nothing here verifies or stores: the core's thread does.
 */

export interface BatchSignTask extends Pick<SignTask, 'key' | 'pin' | 'expected' | 'level' | 'tsaUrl' | 'commitment' | 'trustFolder'> {
  /** Stored versions to sign, each into its own output path (in a private temp folder of the core). */
  documents: Array<{ input: string; output: string }>;
}

/** What the thread tells the core while it works: the key is open, then each document's fate. */
export type BatchSignStep = { kind: 'key-opened' } | { kind: 'signed'; index: number } | { kind: 'failed'; index: number; error: SerializedError };

export async function signDocumentBatch(
  task: BatchSignTask,
  onStep: (step: BatchSignStep) => void,
  loader?: CryptokiLoader,
): Promise<{ signed: number; failed: number }> {
  const trustStore = await trustStoreFromFolder(task.trustFolder);
  const signer = await openSigner(task.key, task.pin, loader);
  try {
    checkConsentedKey(signer, task.expected);
    onStep({ kind: 'key-opened' });
    const result = await signBatch({
      documents: task.documents,
      signer,
      ...signatureOptions(task, trustStore.anchors),
      onProgress: (p) => {
        if (p.phase === 'signed') onStep({ kind: 'signed', index: p.index });
        else if (p.phase === 'failed' && p.error) onStep({ kind: 'failed', index: p.index, error: p.error });
      },
    });
    return { signed: result.signed, failed: result.failed };
  } finally {
    await signer.close();
  }
}
