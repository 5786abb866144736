import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isInkstoneError } from '../../src-shared/errors/index.js';
import { verifyPdf } from '../../src-main/core/verify/index.js';
import { fuzzBases } from './support/fuzz-bases.js';
import { runFuzz } from './support/fuzz-pool.js';
import { mutate, STRATEGIES } from './support/mutations.js';

/**
 * Mutated signed PDFs (bit flips, truncation, cross-reference damage, deep nesting, huge lengths
 * and counts, CMS damage, splices, broken byte ranges) must each end in a verdict or a typed error:
 * never a crash, never longer than 5 s, never past the worker's heap limit. This file runs a
 * sample sized for the unit suite (INKSTONE_VERIFY_FUZZ_CASES, default 400); CI runs 10 000 with
 * `node --import tsx bench/verify-fuzz.ts --cases 10000 --check`, the bench 100 000.
 */

const CASES = Number(process.env.INKSTONE_VERIFY_FUZZ_CASES ?? 400);

/** Seeds that once crashed the verifier, kept as regressions (seed → what broke). */
const REGRESSIONS: Record<number, string> = {
  3208: 'a TSTInfo whose genTime is not a GeneralizedTime made the ASN.1 library throw a plain Error',
};

test('the mutations are deterministic and cover every strategy', () => {
  const [base] = fuzzBases();
  assert.deepEqual(mutate(base, 42), mutate(base, 42));
  const seen = new Set<string>();
  for (let seed = 1; seed <= 200; seed++) seen.add(mutate(base, seed).strategy);
  assert.deepEqual([...seen].sort(), [...STRATEGIES].sort());
});

test('regression seeds end in a verdict or a typed error', async () => {
  const bases = fuzzBases();
  for (const [seed, what] of Object.entries(REGRESSIONS)) {
    const { bytes } = mutate(bases[Number(seed) % bases.length], Number(seed));
    const outcome = await verifyPdf(bytes, { timeLimitMs: 4000 }).then(
      (r) => r.verdict,
      (err: unknown) => (isInkstoneError(err) ? err.code : `crash: ${String(err)}`),
    );
    assert.ok(!outcome.startsWith('crash'), `seed ${seed} (${what}): ${outcome}`);
  }
});

test(`${CASES} mutated signed PDFs: verdicts or typed errors, no crash, no hang over 5 s, bounded memory`, async () => {
  const report = await runFuzz({ bases: fuzzBases(), cases: CASES, workers: 2, caseLimitMs: 5000, heapLimitMb: 768 });
  assert.equal(report.cases, CASES);
  assert.deepEqual(report.crashes, [], JSON.stringify(report.crashes.slice(0, 3), null, 2));
  assert.deepEqual(report.hangs, [], `seeds that hung: ${report.hangs.join(', ')}`);
  const ended = Object.values(report.verdicts).reduce((a, b) => a + b, 0) + Object.values(report.typedErrors).reduce((a, b) => a + b, 0);
  assert.equal(ended, CASES);
  assert.ok((report.verdicts.invalid ?? 0) > 0, 'mutations are caught as invalid');
  assert.ok(
    Object.keys(report.typedErrors).every((code) => /^(PDF_|VERIFY_TIME_LIMIT|IO_ERROR)/.test(code)),
    JSON.stringify(report.typedErrors),
  );
});
