import type { Running } from './harness.js';

/** Call an operation through the browser host, as the renderer's HTTP client does; throws on a refusal. */
export async function rpc<T>(app: Running, operation: string, input: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${app.host.port}/rpc/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-inkstone-token': app.host.token },
    body: JSON.stringify({ input }),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { code: string } };
  if (!body.ok) throw new Error(`${operation}: ${body.error?.code}`);
  return body.value;
}

/** Import one PDF into the library as the UI does (upload, then import by id); returns its contract and the id of its first version. */
export async function importPdf(app: Running, name: string, bytes: Uint8Array): Promise<{ contractId: string; versionId: string }> {
  const uploaded = await fetch(`http://127.0.0.1:${app.host.port}/upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-inkstone-token': app.host.token, 'x-inkstone-file-name': encodeURIComponent(name) },
    body: Buffer.from(bytes),
  });
  const { value } = (await uploaded.json()) as { value: { uploadId: string } };
  const { outcomes } = await rpc<{ outcomes: Array<{ ok: boolean; contractId: string }> }>(app, 'library.import', { files: [{ uploadId: value.uploadId }] });
  if (!outcomes[0].ok) throw new Error(`${name} was not imported: ${JSON.stringify(outcomes[0])}`);
  const contract = await rpc<{ documents: Array<{ versions: Array<{ id: string }> }> }>(app, 'contracts.get', { id: outcomes[0].contractId });
  return { contractId: outcomes[0].contractId, versionId: contract.documents[0].versions[0].id };
}
