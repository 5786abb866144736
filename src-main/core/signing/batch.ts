import { InkstoneError, serializeError, type SerializedError } from '../../../src-shared/errors/index.js';
import type { SignDocumentRequest, SigningRecord } from './request.js';
import { sessionFor } from './session.js';
import { signDocument } from './sign-document.js';

/**
 * Signing many documents in one sitting: one signer (one PIN entry), one session (one TSA size
 * probe, shared revocation answers), documents signed one after another. Each document ends
 * signed, failed with a typed error, or cancelled — a failure never stops the rest, and
 * cancellation takes effect between documents, never inside one.
 */

/** One document of a batch. */
export interface BatchDocument {
  readonly input: string;
  readonly output: string;
}

/** Everything of a single signature except which document; the same for every document of the batch. */
export type BatchSignatureOptions = Omit<SignDocumentRequest, 'input' | 'output' | 'fieldName'>;

export interface SignBatchRequest extends BatchSignatureOptions {
  readonly documents: readonly BatchDocument[];
  /** Stops the batch before the next document. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: BatchProgress) => void;
}

export type BatchOutcome =
  | { readonly status: 'signed'; readonly input: string; readonly output: string; readonly record: SigningRecord }
  | { readonly status: 'failed'; readonly input: string; readonly output: string; readonly error: SerializedError }
  | { readonly status: 'cancelled'; readonly input: string; readonly output: string };

/** Told before and after each document. */
export interface BatchProgress {
  /** 0-based position of the document in the batch. */
  readonly index: number;
  readonly total: number;
  readonly input: string;
  readonly phase: 'started' | 'signed' | 'failed';
  /** Documents finished so far (signed + failed), this one included once it has finished. */
  readonly completed: number;
  readonly failed: number;
  readonly error?: SerializedError;
}

export interface BatchResult {
  readonly outcomes: readonly BatchOutcome[];
  readonly signed: number;
  readonly failed: number;
  readonly cancelled: number;
}

export async function signBatch(request: SignBatchRequest): Promise<BatchResult> {
  const { documents, signal, onProgress, ...options } = request;
  const session = sessionFor(options);
  const outcomes: BatchOutcome[] = [];
  let failed = 0;
  const total = documents.length;
  for (const [index, doc] of documents.entries()) {
    if (signal?.aborted) {
      outcomes.push({ status: 'cancelled', input: doc.input, output: doc.output });
      continue;
    }
    onProgress?.({ index, total, input: doc.input, phase: 'started', completed: outcomes.length, failed });
    try {
      const record = await signDocument({ ...options, input: doc.input, output: doc.output, session });
      outcomes.push({ status: 'signed', input: doc.input, output: doc.output, record });
      onProgress?.({ index, total, input: doc.input, phase: 'signed', completed: outcomes.length, failed });
    } catch (err) {
      // Anything unexpected is reported for this document like a typed error; the batch goes on.
      const error = serializeError(err instanceof InkstoneError ? err : new InkstoneError('INTERNAL', { reason: String((err as Error)?.message ?? err) }));
      failed++;
      outcomes.push({ status: 'failed', input: doc.input, output: doc.output, error });
      onProgress?.({ index, total, input: doc.input, phase: 'failed', completed: outcomes.length, failed, error });
    }
  }
  const cancelled = outcomes.filter((o) => o.status === 'cancelled').length;
  return { outcomes, signed: outcomes.length - failed - cancelled, failed, cancelled };
}
