import { createContext, useContext, type ReactNode } from 'react';
import type { InkstoneApi } from '../../src-shared/api/index.js';
import type { ApiClient } from './client.js';
import type { FileTransport } from './file-transport.js';
import type { ShellBridge } from './shell.js';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

function useClient(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}

export function useApi(): InkstoneApi {
  return useClient().api;
}

export function useShell(): ShellBridge | null {
  return useClient().shell;
}

/** Upload a picked file / download an offered one (file-transport.ts). */
export function useFiles(): FileTransport {
  return useClient().files;
}
