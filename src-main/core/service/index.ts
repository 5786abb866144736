export { createCoreService, MAX_REPORTED_ISSUES, type CoreService, type CoreServiceOptions, type CallContext, type TransferPort } from './service.js';
export { serveCoreOverPort, connectCoreClient, type MessagePortLike, type CoreClient } from './port.js';
export { startLongWork, bundledLongWorkEntry, type LongWork, type LongTask } from './long-work.js';
export { onFirstUse, type Handler, type Handlers, type HandlerContext } from './handlers.js';
