export { createCoreService, MAX_REPORTED_ISSUES, type CoreService, type CoreServiceOptions, type CallContext, type TransferPort } from './service.js';
export { serveCoreOverPort, connectCoreClient, type MessagePortLike, type CoreClient } from './port.js';
export { startLongWork, bundledLongWorkEntry, type LongWork, type LongTask } from './long-work.js';
export { onFirstUse, type Handler, type Handlers, type HandlerContext } from './handlers.js';
// The evidence service token kept by the desktop shell (issue 11)
export { serveSecretsOverPort, tokenStoreOverPort, type SecretStore } from './secret-port.js';
