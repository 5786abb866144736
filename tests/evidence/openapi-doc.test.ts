import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startHarness } from './support/harness.js';

/** docs/evidence/openapi.json is the service's own document: regenerate it when routes change (INKSTONE_UPDATE_DOCS=1). */
test('the published OpenAPI document matches the one the service serves', async () => {
  const h = await startHarness();
  try {
    const file = path.resolve(import.meta.dirname, '../../docs/evidence/openapi.json');
    const served: Record<string, unknown> = {
      ...h.openapi,
      info: {
        ...(h.openapi.info as object),
        version: 'see package.json',
        description:
          'Tamper-evident evidence log: RFC 6962 Merkle tree, C2SP checkpoints and tiles, RFC 3161 time, receipts verifiable offline. Receipt format: docs/evidence/receipt-format.md.',
      },
    };
    const text = `${JSON.stringify(served, null, 2)}\n`;
    if (process.env.INKSTONE_UPDATE_DOCS) writeFileSync(file, text);
    assert.equal(
      readFileSync(file, 'utf8'),
      text,
      'docs/evidence/openapi.json is stale: run INKSTONE_UPDATE_DOCS=1 node scripts/run-tests.mjs unit openapi-doc',
    );
    assert.ok(Object.keys(served.paths as object).length >= 25);
  } finally {
    await h.close();
  }
});
