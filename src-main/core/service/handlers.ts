import type { z } from 'zod';
import type { CoreEvent, OperationName, OperationOutput, Operations } from '../../../src-shared/api/index.js';

/** What a handler is given besides its input: progress events, the job id, cancellation. */
export interface HandlerContext {
  jobId?: string;
  emit: (event: CoreEvent) => void;
  signal: AbortSignal;
}

export type Handler<N extends OperationName> = (
  input: z.output<Operations[N]['input']>,
  ctx: HandlerContext,
) => Promise<OperationOutput<N>> | OperationOutput<N>;

/** The core's one handler table: every operation of the API contract, and nothing else. */
export type Handlers = { [N in OperationName]: Handler<N> };

/**
 * Something the core makes when first asked for, not at start (a module imported with `import()`
 * and what is built from it): the core must answer its first search before devices, drafting,
 * seals or signing code is loaded (tests/service/core-start.test.ts). A failed load is not kept,
 * so the next call tries again.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((err: unknown) => {
      loaded = undefined;
      throw err;
    }));
}
