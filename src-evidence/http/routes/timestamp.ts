import { promises as fs } from 'node:fs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { EvidenceService } from '../../service.js';
import { spooledBody, type RouteSpec } from './route.js';

/** The path desktops stamp offline signatures at (issue 11: upgraded on sync). */
export const TIMESTAMP_PATH = '/v1/timestamp';

/** A TimeStampReq is a few hundred bytes; anything much larger is not one. */
const MAX_REQUEST_BYTES = 4096;

/**
 * The service's built-in TSA as a plain RFC 3161 endpoint (HTTP transport, RFC 3161 §3.4), so a
 * desktop that signed offline can prove its signature's time when it next syncs. Public like every
 * TSA: it signs only the hash it is shown and reveals nothing of any tenant, and the PDF signing
 * code speaks the protocol without credentials; the per-address rate limit bounds what it costs.
 * Absent (404) when the operator runs the service without its built-in TSA.
 */
export function timestampRoutes(service: EvidenceService): RouteSpec[] {
  return [
    {
      method: 'POST',
      path: TIMESTAMP_PATH,
      operationId: 'timestamp',
      summary: 'RFC 3161 timestamp: a DER TimeStampReq in, a DER TimeStampResp out (the service’s built-in TSA)',
      tag: 'log',
      auth: 'public',
      body: { kind: 'binary', contentTypes: ['application/timestamp-query'], maxBytes: MAX_REQUEST_BYTES },
      responses: {
        200: { description: 'TimeStampResp (a refusal is a TimeStampResp with its status too)', contentType: 'application/timestamp-reply' },
        404: { description: 'This service runs without a built-in TSA' },
      },
      handler: async (req) => {
        const tsa = service.builtinTsa;
        if (!tsa) throw new InkstoneError('NOT_FOUND', { what: 'timestamp authority' });
        const request = await fs.readFile(spooledBody(req).path);
        return { bytes: await tsa.respond(request), contentType: 'application/timestamp-reply' };
      },
    },
  ];
}
