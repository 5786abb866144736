import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPrincipal } from '../../src-evidence/tenancy/index.js';
import { startHarness, type Harness } from '../evidence/support/harness.js';
import { type UiLanguage, useInkstone } from './support/harness.js';

/**
 * Settings → Evidence service and the sync indicator (issue 11), against a real evidence service
 * started here: test the connection (organisation, person, role, log key fingerprint), connect, see
 * "up to date"; stop the service and see "offline" with the reason and a retry.
 */
const TEXT = {
  'zh-CN': {
    settings: '设置',
    url: '服务地址',
    token: '个人令牌',
    test: '测试连接',
    connect: '连接',
    connected: '已连接',
    upToDate: '已同步',
    offline: '离线——变更暂存本机',
    retry: '立即重试',
    member: '成员',
    library: '合同库',
    notSynced: '尚未同步',
  },
  en: {
    settings: 'Settings',
    url: 'Service address',
    token: 'Personal token',
    test: 'Test connection',
    connect: 'Connect',
    connected: 'Connected',
    upToDate: 'Up to date',
    offline: 'Offline — changes wait here',
    retry: 'Retry now',
    member: 'member',
    library: 'Library',
    notSynced: 'Not yet synced',
  },
} as const;

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`evidence service connection and sync indicator (${lang})`, { timeout: 240_000 }, () => {
    let h: Harness;
    let token: string;
    before(async () => {
      h = await startHarness();
      const t = await h.tenant('同舟律师事务所');
      token = (await createPrincipal(h.service.ctx, t.tenantId, { kind: 'user', name: '李律师', role: 'member' })).token.token;
    });
    after(() => h?.close());
    const ui = useInkstone({ lang });
    /** An operation called as the page calls it (the host's token is in its URL's fragment). */
    const rpc = async (name: string, input: unknown = {}) => {
      const url = new URL(ui.app.host.url);
      const res = await fetch(new URL(`/rpc/${name}`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-inkstone-token': new URLSearchParams(url.hash.slice(1)).get('token') ?? '' },
        body: JSON.stringify({ input }),
      });
      return (await res.json()) as { ok: boolean; value?: { state: string; pending: number } };
    };

    test('test connection shows organisation, person, role and the log key; connect; the indicator says up to date', async () => {
      const indicator = ui.page.getByTestId('sync-indicator');
      await ui.page.getByRole('button', { name: s.settings }).click();
      await ui.page.getByLabel(s.url).fill(h.url);
      await ui.page.getByLabel(s.token).fill(token);
      await ui.page.getByRole('button', { name: s.test }).click();
      const facts = ui.page.getByTestId('sync-connection');
      await facts.getByText('同舟律师事务所').waitFor();
      const text = await facts.innerText();
      assert.ok(text.includes('李律师') && text.includes(s.member), text);
      assert.match(text, /[0-9a-f]{16}/u);
      await facts.scrollIntoViewIfNeeded();
      await ui.app.screenshot(`${lang}-sync-test-connection`);
      await ui.page.getByRole('button', { name: s.connect, exact: true }).click();
      await ui.page.getByText(s.connected, { exact: true }).waitFor();
      await indicator.getByText(s.upToDate).waitFor({ timeout: 30_000 });
      assert.equal(await ui.page.getByLabel(s.token).inputValue(), '', 'the token is not kept in the page');
      await ui.app.screenshot(`${lang}-sync-connected`);
    });

    test('with the service stopped the indicator says offline, why, and offers a retry; nothing is lost', async () => {
      await h.stop();
      const created = await rpc('contracts.create', { title: '离线起草的合同' });
      assert.ok(created.ok, JSON.stringify(created));
      const after = await rpc('sync.run');
      assert.equal(after.value?.state, 'offline');
      assert.equal(after.value?.pending, 1);
      const indicator = ui.page.getByTestId('sync-indicator');
      await indicator.getByText(s.offline).waitFor();
      await indicator.getByRole('button', { name: s.retry }).waitFor();
      await ui.app.screenshot(`${lang}-sync-offline`);
      await ui.page.setViewportSize({ width: 1024, height: 700 });
      await ui.app.screenshot(`${lang}-sync-offline-1024`);
      await ui.page.getByRole('button', { name: s.library }).click();
      await ui.page.getByText('离线起草的合同').first().click();
      await ui.page.getByTestId('unsynced-mark').getByText(s.notSynced).waitFor();
      await ui.app.screenshot(`${lang}-sync-contract-not-synced`);
      assert.deepEqual(
        ui.app.pageErrors.filter((e) => !/Failed to load resource/u.test(e)),
        [],
      );
    });
  });
}
