import type { IncomingMessage } from 'node:http';

/**
 * Reading an RPC body without letting the request decide how much memory or stack it costs: the
 * declared length is checked before a byte is read, reading stops at the operation's cap, and JSON
 * nesting is measured before `JSON.parse` (a 200,000-deep array parses, but every later walk over
 * it — structured clone to the core's thread, schema checks — would recurse that deep).
 */

/** Deeper than any operation's input (the deepest is a few levels); anything beyond is hostile. */
export const MAX_JSON_DEPTH = 32;

export type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** The declared Content-Length already exceeds `limit` (a chunked body is checked while it streams). */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = req.headers['content-length'];
  return declared !== undefined && !(Number(declared) <= limit);
}

/** Read the body, keeping at most `limit` bytes; past that, stop reading and report it. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      resolve({ ok: false, reason: 'too-large' });
    };
    req.on('data', onData);
    req.on('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
    req.on('close', () => resolve({ ok: false, reason: 'aborted' }));
  });
}

/** True when brackets nest deeper than `max` anywhere outside string literals. Linear, no recursion. */
export function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export type RpcBody = { ok: true; input: unknown; jobId?: string } | { ok: false; issue: string };

/** `{ "input": …, "jobId"?: … }` — an empty body means no input; anything that is not an object is refused. */
export function parseRpcBody(body: Buffer): RpcBody {
  const text = body.toString('utf8');
  if (!text.trim()) return { ok: true, input: {} };
  if (jsonDeeperThan(text, MAX_JSON_DEPTH)) return { ok: false, issue: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, issue: 'body is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, issue: 'body must be a JSON object' };
  const { input, jobId } = parsed as { input?: unknown; jobId?: unknown };
  return { ok: true, input: input ?? {}, jobId: typeof jobId === 'string' && jobId.length > 0 && jobId.length <= 100 ? jobId : undefined };
}
