import { createReadStream, createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { API_DOCUMENT_MAX_BYTES, UPLOAD_NAME_HEADER, type RpcResult } from '../../src-shared/api/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { CoreClient } from '../core/service/index.js';

/**
 * Files between the page and the core over the browser host (core/transfers): an upload streams
 * the request body straight into the slot the core gives, a download streams the file the core
 * names. Neither is held in memory or turned into JSON. The caller has checked Host, Origin and
 * the token already.
 */

type Answer = (status: number, body: RpcResult<unknown>) => void;

/** `POST /upload`: raw bytes with a Content-Length and the name header; answers `{ uploadId, bytes }`. */
export async function receiveUpload(req: IncomingMessage, core: CoreClient, answer: Answer): Promise<void> {
  const fail = (status: number, error: InkstoneError) => answer(status, { ok: false, error: error.toJSON() });
  if (req.method !== 'POST') return fail(405, new InkstoneError('METHOD_NOT_ALLOWED'));
  if (!/^application\/octet-stream$/i.test(String(req.headers['content-type'] ?? '').trim())) return fail(415, new InkstoneError('CONTENT_TYPE_REJECTED'));
  const size = Number(req.headers['content-length']);
  // A chunked body has no declared size: the slot is sized before the first byte is read.
  if (req.headers['content-length'] === undefined || !Number.isSafeInteger(size) || size < 0)
    return fail(411, new InkstoneError('INVALID_INPUT', { issues: 'Content-Length required' }));
  if (size > API_DOCUMENT_MAX_BYTES) return fail(413, new InkstoneError('BODY_TOO_LARGE', { limitBytes: API_DOCUMENT_MAX_BYTES }));
  const name = decodeName(req.headers[UPLOAD_NAME_HEADER]);
  if (!name) return fail(400, new InkstoneError('INVALID_INPUT', { issues: `${UPLOAD_NAME_HEADER}: missing or not percent-encoded UTF-8` }));

  const slot = await core.transfers.beginUpload({ name, size });
  if (!slot.ok) return answer(slot.error.code === 'BODY_TOO_LARGE' ? 413 : 400, slot);
  let received = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      // Node stops at Content-Length; this is a second fence should that ever change.
      done(received > size ? new InkstoneError('BODY_TOO_LARGE', { limitBytes: size }) : null, chunk);
    },
  });
  try {
    await pipeline(req, count, createWriteStream(slot.value.path, { flags: 'wx', mode: 0o600 }));
  } catch {
    await core.transfers.discardUpload(slot.value.id);
    if (!req.complete) return void req.socket.destroy();
    return fail(400, new InkstoneError('TRANSFER_INCOMPLETE', { expected: size, received }));
  }
  const done = await core.transfers.finishUpload(slot.value.id);
  answer(done.ok ? 200 : 400, done.ok ? { ok: true, value: { uploadId: done.value.id, bytes: done.value.size } } : done);
}

/** `GET /files/<id>`: the file an operation offered, as an attachment. */
export async function sendDownload(res: ServerResponse, id: string, core: CoreClient, answer: Answer): Promise<void> {
  if (res.req.method !== 'GET') return answer(405, { ok: false, error: new InkstoneError('METHOD_NOT_ALLOWED').toJSON() });
  const opened = await core.transfers.openDownload(id);
  if (!opened.ok) return answer(404, opened);
  const { path, name, size } = opened.value;
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': size,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  });
  await pipeline(createReadStream(path), res).catch(() => res.destroy());
}

function decodeName(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string' || !header || header.length > 2048) return null;
  try {
    const name = decodeURIComponent(header).trim();
    return name.length > 0 && name.length <= 255 ? name : null;
  } catch {
    return null;
  }
}
