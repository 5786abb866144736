import { EvidenceClient, logKeyFingerprint } from '../evidence/index.js';
import type { Library } from '../library/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { SYNC_REQUEST_TIMEOUT_MS } from './sync-fault.js';
import { readState, writeState } from './sync-state.js';
import type { TokenStore } from './token-file.js';

/**
 * The library's connection to its evidence service: the address, who the token belongs to (tenant,
 * person, role) and the log's key, pinned on first use. Every later connection and every sync pass
 * checks the service still signs with that key and refuses to talk to it otherwise: a different key
 * at the same address means a different log, whoever runs it. The token itself lives in a
 * TokenStore, never here.
 */
export interface SyncConnection {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly principalId: string;
  readonly principalName: string;
  readonly role: 'admin' | 'member' | 'auditor';
  readonly logOrigin: string;
  readonly logKeyFingerprint: string;
  readonly connectedAt: string;
}

const TOKEN_RE = /^iev_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/u;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http on this computer only (a token must not cross a network in clear). */
export function serviceUrlOf(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InkstoneError('SYNC_SERVICE_URL_INVALID', { url: input.slice(0, 200) });
  }
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!ok || url.username || url.password || url.search || url.hash) throw new InkstoneError('SYNC_SERVICE_URL_INVALID', { url: input.slice(0, 200) });
  return url.toString().replace(/\/+$/u, '');
}

export function currentConnection(library: Library): SyncConnection | null {
  const text = readState(library.db, 'connection');
  return text ? (JSON.parse(text) as SyncConnection) : null;
}

/** Ask the service who this token is and which key signs its log; refuse a key that differs from the pinned one. */
export async function testConnection(
  serviceUrl: string,
  token: string,
  pinned: Pick<SyncConnection, 'serviceUrl' | 'logKeyFingerprint'> | null,
  fetchImpl?: typeof fetch,
): Promise<SyncConnection> {
  const url = serviceUrlOf(serviceUrl);
  if (!TOKEN_RE.test(token.trim())) throw new InkstoneError('SYNC_TOKEN_INVALID', {});
  const client = new EvidenceClient({ serviceUrl: url, token: token.trim(), stateDir: null, retries: 1, fetch: fetchImpl });
  const log = await client.logIdentity();
  const fingerprint = logKeyFingerprint(log.verifierKey);
  if (pinned && pinned.serviceUrl === url && pinned.logKeyFingerprint !== fingerprint) {
    throw new InkstoneError('SYNC_LOG_KEY_CHANGED', { url, found: fingerprint, pinned: pinned.logKeyFingerprint });
  }
  const me = await client.me();
  return {
    serviceUrl: url,
    tenantId: me.tenantId,
    tenantName: me.tenantName,
    principalId: me.principalId,
    principalName: me.principalName,
    role: me.role,
    logOrigin: log.origin,
    logKeyFingerprint: fingerprint,
    connectedAt: new Date().toISOString(),
  };
}

/** Connect the library: checked as testConnection does, then the token stored and the particulars kept. */
export async function connect(
  library: Library,
  tokens: TokenStore,
  input: { serviceUrl: string; token: string },
  fetchImpl?: typeof fetch,
): Promise<SyncConnection> {
  const connection = await testConnection(input.serviceUrl, input.token, currentConnection(library), fetchImpl);
  await tokens.write(input.token.trim());
  writeState(library.db, 'connection', JSON.stringify(connection));
  return connection;
}

/** A client for the connected service, after checking its log key is still the pinned one. */
export async function connectedClient(
  library: Library,
  tokens: TokenStore,
  options: { fetch?: typeof fetch } = {},
): Promise<{ client: EvidenceClient; connection: SyncConnection }> {
  const connection = currentConnection(library);
  const token = connection ? await tokens.read() : null;
  if (!connection || !token) throw new InkstoneError('SYNC_NOT_CONNECTED', {});
  const client = new EvidenceClient({ serviceUrl: connection.serviceUrl, token, stateDir: null, fetch: options.fetch, timeoutMs: SYNC_REQUEST_TIMEOUT_MS });
  const fingerprint = logKeyFingerprint((await client.logIdentity()).verifierKey);
  if (fingerprint !== connection.logKeyFingerprint) {
    throw new InkstoneError('SYNC_LOG_KEY_CHANGED', { url: connection.serviceUrl, found: fingerprint, pinned: connection.logKeyFingerprint });
  }
  return { client, connection };
}
