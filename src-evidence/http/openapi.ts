import { z } from 'zod';
import type { RouteSpec } from './routes/index.js';

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
export function buildOpenApi(routes: readonly RouteSpec[], info: { version: string; origin: string }): Record<string, unknown> {
  const json = (schema: z.ZodType) => {
    const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete s.$schema;
    return s;
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const props = json(schema) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(props.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (props.required ?? []).includes(name), schema: s });
      }
    }
    if (r.path.includes('{path*}'))
      parameters.push({ name: 'path*', in: 'path', required: true, schema: { type: 'string' }, description: 'The rest of the tile path' });
    for (const h of r.headers ?? [])
      parameters.push({ name: h.name, in: 'header', required: h.required, schema: { type: 'string' }, description: h.description });
    const responses: Record<string, unknown> = {};
    for (const [status, resp] of Object.entries(r.responses)) {
      responses[status] = {
        description: resp.description,
        ...(resp.schema || resp.contentType ? { content: { [resp.contentType ?? 'application/json']: resp.schema ? { schema: json(resp.schema) } : {} } } : {}),
      };
    }
    if (r.auth === 'tenant') {
      responses['401'] = { description: 'No valid token' };
      responses['403'] = { description: `Role not allowed (allowed: ${(r.roles ?? []).join(', ')})` };
    }
    if (r.body?.kind === 'binary') responses['413'] = { description: `Body over ${r.body.maxBytes} bytes (refused as soon as it passes the limit)` };
    responses['429'] = { description: 'Rate limited; see Retry-After' };
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      security: r.auth === 'tenant' ? [{ bearerToken: [] }] : [],
      ...(r.roles ? { 'x-inkstone-roles': r.roles } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content:
                r.body.kind === 'json'
                  ? { 'application/json': { schema: json(r.body.schema) } }
                  : Object.fromEntries(
                      r.body.contentTypes.map((t) => [
                        t,
                        { schema: { type: 'string', format: 'binary', maxLength: (r.body as { maxBytes: number }).maxBytes } },
                      ]),
                    ),
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Inkstone evidence service',
      version: info.version,
      description: `Tamper-evident evidence log “${info.origin}”: RFC 6962 Merkle tree, C2SP checkpoints and tiles, RFC 3161 time, receipts verifiable offline. Receipt format: docs/evidence/receipt-format.md.`,
    },
    components: { securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'Tenant API token `iev_<id>_<secret>`' } } },
    paths,
  };
}
