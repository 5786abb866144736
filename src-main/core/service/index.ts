export { createCoreService, MAX_REPORTED_ISSUES, type CoreService, type CoreServiceOptions, type CallContext } from './service.js';
export { serveCoreOverPort, connectCoreClient, type MessagePortLike, type CoreClient } from './port.js';
