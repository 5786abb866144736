export { createCoreService, MAX_REPORTED_ISSUES, type CoreService, type CoreServiceOptions, type CallContext, type TransferPort } from './service.js';
export { serveCoreOverPort, connectCoreClient, type MessagePortLike, type CoreClient } from './port.js';
export { startLongWork, bundledLongWorkEntry, type LongWork, type LongTask } from './long-work.js';
export { onFirstUse, type Handler, type Handlers, type HandlerContext } from './handlers.js';
// Batch signing (issue 9): the key work of a batch as its long-work thread runs it, loaded on first use
// (the core starts without signing code); tests drive it in-process to count or fake the Cryptoki calls.
export type { BatchSignStep, BatchSignTask } from './signing-batch-work.js';
export async function signDocumentBatch(...args: Parameters<typeof import('./signing-batch-work.js').signDocumentBatch>) {
  return (await import('./signing-batch-work.js')).signDocumentBatch(...args);
}
// The evidence service token kept by the desktop shell (issue 11)
export { serveSecretsOverPort, tokenStoreOverPort, type SecretStore } from './secret-port.js';
