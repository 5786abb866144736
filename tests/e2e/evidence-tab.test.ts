import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Library } from '../../src-main/core/library/index.js';
import { createPrincipal } from '../../src-evidence/tenancy/index.js';
import { samplePdf, startHarness, type Harness } from '../evidence/support/harness.js';
import { SCREENSHOTS, type UiLanguage, useInkstone } from './support/harness.js';

/**
 * The contract's 存证 / Evidence tab and the library's "not yet synced" mark (issue 11), against a
 * real evidence service started here: before connecting the tab says so; after a sync the signed
 * version's receipt shows verified, with its number, time, checkpoint, retention and legal hold; the
 * certificate (出证报告) is saved in the chosen language and rendered with pdftoppm.
 */
const TEXT = {
  'zh-CN': {
    library: '合同库',
    settings: '设置',
    privacy: '隐私模式：仅登记每个已签署版本的加盐哈希',
    evidence: '存证',
    notConnected: '本合同库尚未连接证据服务',
    notSynced: '尚未同步',
    verified: '回执已离线核验',
    number: '存证编号',
    retention: '服务保存期至',
    save: '保存出证报告（PDF）',
    certificateTitle: '电子数据存证证明',
  },
  en: {
    library: 'Library',
    settings: 'Settings',
    privacy: 'Privacy mode: log only a salted hash of each signed version',
    evidence: 'Evidence',
    notConnected: 'This library is not connected to an evidence service',
    notSynced: 'Not yet synced',
    verified: 'Receipt verified offline',
    number: 'Evidence number',
    retention: 'Kept by the service until',
    save: 'Save evidence certificate (PDF)',
    certificateTitle: 'Evidence Certificate',
  },
} as const;

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`Evidence tab and not-yet-synced mark (${lang})`, { timeout: 300_000 }, () => {
    let h: Harness;
    let token: string;
    before(async () => {
      h = await startHarness();
      const t = await h.tenant('同舟律师事务所');
      token = (await createPrincipal(h.service.ctx, t.tenantId, { kind: 'user', name: '李律师', role: 'member' })).token.token;
    });
    after(() => h?.close());
    const ui = useInkstone({ lang });
    const rpc = async <T = unknown>(name: string, input: unknown = {}): Promise<T> => {
      const url = new URL(ui.app.host.url);
      const res = await fetch(new URL(`/rpc/${name}`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-inkstone-token': new URLSearchParams(url.hash.slice(1)).get('token') ?? '' },
        body: JSON.stringify({ input }),
      });
      const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
      assert.ok(body.ok, JSON.stringify(body.error));
      return body.value;
    };
    /** A contract made through the app, and a signed version of its document (as the ceremony stores one). */
    const signedContract = async (title: string) => {
      const { id } = await rpc<{ id: string }>('contracts.create', { title });
      const library = new Library(ui.app.dataDir, { actor: '李律师' });
      try {
        const bytes = samplePdf(`${title} signed`, 4);
        const { sha256 } = await library.store.put(bytes);
        library.addDocument(id, `${title}.pdf`, { sha256, size: bytes.length, pageCount: 1, signatureFieldCount: 1, origin: 'signing', text: '' });
      } finally {
        library.close();
      }
      return id;
    };
    const openContract = async (title: string) => {
      await ui.page.getByRole('button', { name: s.library, exact: true }).click();
      await ui.page.locator('.contract-row', { hasText: title }).first().click();
      await ui.page.getByRole('tab', { name: s.evidence }).click();
    };

    test('not connected: the tab says so and the signed version waits', async () => {
      await signedContract('保密协议');
      await openContract('保密协议');
      await ui.page.getByTestId('evidence-not-connected').getByText(s.notConnected).waitFor();
      await ui.page.locator('[data-testid="evidence-card"][data-state="not-synced"]').waitFor();
      await ui.app.screenshot(`${lang}-evidence-not-connected`);
    });

    test('connected: the list marks the contract not yet synced; after a sync the receipt shows verified; the certificate is saved', async () => {
      await rpc('sync.connect', { serviceUrl: h.url, token });
      await rpc('sync.run');
      const title = '技术服务合同';
      await signedContract(title);
      await ui.page.getByRole('button', { name: s.library, exact: true }).click();
      const row = ui.page.locator('.contract-row', { hasText: title }).first();
      await row.getByTestId('unsynced-mark').getByText(s.notSynced).waitFor();
      await ui.app.screenshot(`${lang}-library-not-synced-mark`);

      const status = await rpc<{ state: string; pending: number }>('sync.run');
      assert.equal(status.pending, 0);
      await row.getByTestId('unsynced-mark').waitFor({ state: 'detached' });
      await row.click();
      await ui.page.getByRole('tab', { name: s.evidence }).click();
      const card = ui.page.getByTestId('evidence-card');
      await card.getByTestId('evidence-verdict').getByText(s.verified).waitFor({ timeout: 30_000 });
      const number = await card.getByTestId('evidence-number').innerText();
      assert.match(number, /^[0-9A-Z]{8}-\d+-[0-9A-Z]$/u);
      const text = await card.innerText();
      assert.ok(text.includes(s.number) && text.includes(s.retention), text);
      await ui.app.screenshot(`${lang}-evidence-verified`);

      const download = ui.page.waitForEvent('download');
      await card.getByRole('button', { name: s.save }).click();
      const file = await download;
      assert.ok(file.suggestedFilename().endsWith(`${number}.pdf`), file.suggestedFilename());
      const saved = path.join(SCREENSHOTS, `${lang}-evidence-certificate.pdf`);
      await file.saveAs(saved);
      assert.equal(readFileSync(saved).subarray(0, 5).toString('latin1'), '%PDF-');
      const pdfText = execFileSync('pdftotext', ['-layout', saved, '-']).toString();
      assert.ok(pdfText.includes(s.certificateTitle), 'the certificate is in the chosen language');
      assert.ok(pdfText.replace(/\s+/gu, '').includes(number), 'and names the evidence number');
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', saved, path.join(SCREENSHOTS, `${lang}-evidence-certificate`)]);

      await ui.page.setViewportSize({ width: 1024, height: 700 });
      await card.scrollIntoViewIfNeeded();
      await ui.app.screenshot(`${lang}-evidence-verified-1024`);

      // Settings → Evidence service: the privacy switch is the core's, and stays as set.
      await ui.page.getByRole('button', { name: s.settings, exact: true }).click();
      const privacy = ui.page.getByLabel(s.privacy);
      assert.equal(await privacy.isChecked(), false);
      await privacy.check();
      await privacy.scrollIntoViewIfNeeded();
      await ui.app.screenshot(`${lang}-evidence-privacy-setting`);
      assert.deepEqual(await rpc('evidence.privacy'), { on: true });
      assert.deepEqual(
        ui.app.pageErrors.filter((e) => !/Failed to load resource/u.test(e)),
        [],
      );
    });
  });
}
