import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { API_DOCUMENT_MAX_BYTES, importRefusal, OPERATION_NAMES, operations } from '../../src-shared/api/index.js';

/**
 * Every string and list an operation accepts has an upper bound, so no caller — a compromised
 * renderer over IPC included — can make the core validate, copy or report on unbounded input.
 */
type Schema = { type?: string | string[]; maxLength?: number; maxItems?: number; enum?: unknown[]; const?: unknown } & Record<string, unknown>;

function unbounded(schema: unknown, at: string, out: string[]): void {
  if (!schema || typeof schema !== 'object') return;
  const s = schema as Schema;
  const bounded = s.enum !== undefined || s.const !== undefined;
  if (s.type === 'string' && s.maxLength === undefined && !bounded) out.push(`${at}: string without maxLength`);
  if (s.type === 'array' && s.maxItems === undefined) out.push(`${at}: array without maxItems`);
  if (s.type === 'object' && s.additionalProperties !== false && s.additionalProperties !== undefined && typeof s.additionalProperties === 'object')
    out.push(`${at}: open record`);
  for (const [key, value] of Object.entries(s)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, sub] of Object.entries(value)) unbounded(sub, `${at}.${name}`, out);
    } else if (Array.isArray(value)) value.forEach((sub, i) => unbounded(sub, `${at}.${key}[${i}]`, out));
    else if (value && typeof value === 'object') unbounded(value, `${at}.${key}`, out);
  }
}

test('every string and list in every operation input has a cap', () => {
  const problems: string[] = [];
  for (const name of OPERATION_NAMES) {
    const schema = z.toJSONSchema(operations[name].input, { io: 'input', unrepresentable: 'throw' });
    unbounded(schema, name, problems);
  }
  assert.deepEqual(problems, []);
});

test('the walk notices an uncapped string, list and record', () => {
  const problems: string[] = [];
  unbounded(
    z.toJSONSchema(z.object({ a: z.string(), b: z.array(z.string().max(3)), c: z.record(z.string().max(2), z.number()) }), { io: 'input' }),
    'x',
    problems,
  );
  assert.deepEqual(problems, ['x.a: string without maxLength', 'x.b: array without maxItems', 'x.c: open record']);
});

test('no call carries a file: every body cap is 1 MiB and files are uploads passed by id', () => {
  for (const name of OPERATION_NAMES) assert.equal(operations[name].maxBodyBytes, 1024 * 1024, name);
  assert.equal(operations['library.import'].input.safeParse({ files: [{ name: 'a.pdf', dataBase64: 'JVBERi0=' }] }).success, false);
  assert.equal(operations['library.import'].input.safeParse({ files: [{ uploadId: 'ab'.repeat(16) }] }).success, true);
  assert.equal(operations['verify.document'].input.safeParse({ uploadId: '../../etc/passwd' }).success, false);
});

test('a file the API cannot carry is refused before it is sent (page and native import), so the rest of its batch still imports', () => {
  assert.equal(importRefusal(0), 'IMPORT_EMPTY_FILE');
  assert.equal(importRefusal(API_DOCUMENT_MAX_BYTES), null);
  assert.equal(importRefusal(API_DOCUMENT_MAX_BYTES + 1), 'IMPORT_TOO_LARGE');
});
