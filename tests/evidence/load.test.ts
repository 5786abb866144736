import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { runLoad } from './support/autocannon.js';
import { startHarness, type Harness } from './support/harness.js';

/**
 * A bounded load on loopback (autocannon, 2,000 requests, then it stops): every request is answered
 * 201 with its own evidence number, and the log integrates all of them. Speed is measured in bench/,
 * not asserted here.
 */
describe('bounded load on loopback', () => {
  let h: Harness;
  let token: string;
  before(async () => {
    h = await startHarness();
    token = (await h.tenant('Load Co')).token;
  });
  after(() => h?.close());

  it('2,000 concurrent submissions: all acknowledged once, all integrated', async () => {
    const numbers = new Set<string>();
    let n = 0;
    const result = await runLoad({
      url: `${h.url}/v1/commitments`,
      connections: 16,
      amount: 2000,
      timeout: 20,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const i = n++;
            return {
              ...req,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `load-${i}` },
              body: JSON.stringify({ commitment: createHash('sha256').update(`load ${i}`).digest('hex'), event: 'signed' }),
            };
          },
          onResponse: (status, body) => {
            if (status === 201) numbers.add((JSON.parse(body) as { evidenceNumber: string }).evidenceNumber);
          },
        },
      ],
    });
    assert.equal(result.errors, 0);
    assert.equal(result.non2xx, 0);
    assert.equal(result['2xx'], 2000);
    assert.equal(numbers.size, 2000, 'each request its own entry');
    let size = 0;
    for (let i = 0; i < 100 && size < 2000; i++) {
      await new Promise((r) => setTimeout(r, 100));
      size = (await h.service.receipts.latestCheckpoint())?.size ?? 0;
    }
    assert.equal(size, 2000);
  });
});
