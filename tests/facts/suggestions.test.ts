import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import { importFiles } from '../../src-main/core/library/index.js';
import type { FactSuggestion } from '../../src-shared/api/index.js';
import { makeTextPdf } from '../support/text-pdf.js';

let dir: string;
let core: CoreService;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-facts-'));
  core = createCoreService({ dataDir: dir, log: () => undefined });
});
after(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(operation: string, input: unknown): Promise<T> {
  const r = await core.invoke(operation, input);
  if (!r.ok) throw new Error(`${operation}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

test('an imported contract offers its parties, amount, dates and type; accepted or dismissed ones are not offered again', async () => {
  const pdf = await makeTextPdf({
    wrap: true,
    lines: [
      '技术服务合同',
      '本合同由北京星河数据科技有限公司（以下简称“甲方”）与上海明德律师事务所（以下简称“乙方”）于2026年3月2日在北京市签订。',
      '统一社会信用代码：91110108MA01C5RJ3P',
      '第一条 本合同服务费总额为人民币360,000.00元（大写：叁拾陆万元整）。',
      '第二条 乙方逾期交付的，每日按合同总金额的千分之一支付违约金。',
      '第三条 本合同有效期自2026年4月1日起至2027年3月31日止。',
    ],
  });
  const [outcome] = await importFiles(core.library, [{ name: '技术服务合同.pdf', bytes: pdf }]);
  assert.ok(outcome.ok);
  const id = outcome.contractId;
  const { suggestions } = await call<{ suggestions: FactSuggestion[] }>('contracts.suggestions', { id });
  const brief = suggestions.map((s) =>
    s.kind === 'party'
      ? `${s.role}=${s.name}`
      : s.kind === 'value'
        ? `value=${s.value.amount} ${s.value.currency}`
        : s.kind === 'contractType'
          ? `type=${s.contractType}`
          : `${s.kind}=${s.date}`,
  );
  assert.deepEqual(
    brief.sort(),
    [
      'effectiveDate=2026-04-01',
      'expiryDate=2027-03-31',
      'type=服务协议',
      'value=360000 CNY',
      'party_b=上海明德律师事务所',
      'party_a=北京星河数据科技有限公司',
    ].sort(),
  );
  for (const s of suggestions) assert.ok(s.source.sentence.length > 0 && s.source.end > s.source.start, `${s.key} has its source sentence`);

  // Nothing was applied on import: the contract still has no parties and no value.
  const contract = await call<{ parties: unknown[]; value: unknown }>('contracts.get', { id });
  assert.deepEqual([contract.parties.length, contract.value], [0, null]);

  // Accepting through the ordinary edit removes the suggestion; dismissing removes it for good.
  const partyA = suggestions.find((s) => s.kind === 'party' && s.role === 'party_a')!;
  assert.equal(partyA.kind, 'party');
  await call('contracts.addParty', { contractId: id, party: { role: 'party_a', name: partyA.kind === 'party' ? partyA.name : '' } });
  const value = suggestions.find((s) => s.kind === 'value')!;
  const after = await call<{ suggestions: FactSuggestion[] }>('contracts.dismissSuggestion', { contractId: id, key: value.key });
  assert.deepEqual(
    after.suggestions.map((s) => s.key).sort(),
    suggestions
      .filter((s) => s !== partyA && s !== value)
      .map((s) => s.key)
      .sort(),
  );
  const again = await call<{ suggestions: FactSuggestion[] }>('contracts.suggestions', { id });
  assert.equal(
    again.suggestions.some((s) => s.key === value.key || s.key === partyA.key),
    false,
  );
  const audit = await call<{ events: { action: string }[] }>('contracts.audit', { id });
  assert.ok(audit.events.some((e) => e.action === 'fact.dismissed'));
});

test('suggestions of an unknown contract are a typed error', async () => {
  const r = await core.invoke('contracts.suggestions', { id: '0'.repeat(32) });
  assert.equal(!r.ok && r.error.code, 'CONTRACT_NOT_FOUND');
});
