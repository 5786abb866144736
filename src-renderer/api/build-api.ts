import { OPERATION_NAMES, splitOperationName, type CallOptions, type CoreEvent, type InkstoneApi, type OperationName } from '../../src-shared/api/index.js';

export type Invoke = (operation: OperationName, input: unknown, options?: CallOptions) => Promise<unknown>;
export type Subscribe = (listener: (event: CoreEvent) => void) => () => void;

/**
 * Build an object shaped like `InkstoneApi` from the contract's operation list: one function per
 * operation, grouped by namespace (`contracts.search` → `api.contracts.search`). No hand-written list,
 * so a new operation in the contract appears here by itself.
 */
export function buildApi(invoke: Invoke, subscribe: Subscribe): InkstoneApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of OPERATION_NAMES) {
    const [ns, method] = splitOperationName(name);
    (api[ns] ??= {})[method] = (input: unknown, options?: CallOptions) => invoke(name, input, options);
  }
  api.events = { subscribe };
  return api as unknown as InkstoneApi;
}

/** Call an operation of an existing `InkstoneApi` by its name. */
export function callByName(api: InkstoneApi, name: OperationName, input: unknown, options?: CallOptions): Promise<unknown> {
  const [ns, method] = splitOperationName(name);
  const group = (api as unknown as Record<string, Record<string, (input: unknown, options?: CallOptions) => Promise<unknown>>>)[ns];
  return group[method](input, options);
}
