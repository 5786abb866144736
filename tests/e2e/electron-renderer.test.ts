import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { OPERATION_NAMES } from '../../src-shared/api/index.js';
import { ROOT, startInkstone, type Running } from './support/harness.js';

/**
 * The renderer as it runs inside Electron: with `window.inkstone` present (here a stand-in for the
 * preload, support/fake-preload-bridge.js) it uses that bridge instead of HTTP, turns the bridge's
 * plain-object rejections into localized error texts, and offers the native data-folder chooser.
 */
describe('renderer over the preload bridge (zh-CN)', { timeout: 120_000 }, () => {
  let app: Running;
  let page: Page;
  const chosenFolder = path.join(os.tmpdir(), 'inkstone-chosen-library');

  before(async () => {
    app = await startInkstone({
      lang: 'zh-CN',
      beforeOpen: async (p, host) => {
        const config = {
          token: host.token,
          operations: OPERATION_NAMES,
          chosenFolder,
          failOperations: { 'contracts.reminders': { code: 'DATA_DIR_UNAVAILABLE', details: { path: '/Volumes/合同', reason: 'EACCES' }, message: 'x' } },
        };
        await p.addInitScript({ content: `window.__inkstoneTest = ${JSON.stringify(config)};` });
        await p.addInitScript({ path: path.join(ROOT, 'tests/e2e/support/fake-preload-bridge.js') });
      },
    });
    page = app.page;
  });
  after(async () => {
    await app?.close();
  });

  test('the library loads through the bridge (the token is not needed or read)', async () => {
    await page.getByRole('heading', { name: '合同库还是空的' }).waitFor();
    assert.ok(page.url().includes('#token='), 'the bridge path must not consume the browser-host token');
  });

  test('a rejection from the bridge is shown as the localized text for its code', async () => {
    await page.getByText('无法使用数据文件夹 /Volumes/合同：EACCES').waitFor();
    await app.screenshot('zh-CN-bridge-error');
  });

  test('Settings offers the native folder chooser; the choice applies from the next start', async () => {
    await page.getByRole('button', { name: '设置' }).click();
    await page.getByRole('button', { name: '更改…' }).click();
    await page.getByText(`下次启动起使用：${chosenFolder}`).waitFor();
    await page.getByText('Inkstone 下次启动时将使用新的文件夹。', { exact: false }).waitFor();
    assert.equal(await page.getByText('在浏览器中使用时', { exact: false }).count(), 0);
    await app.screenshot('zh-CN-bridge-settings');
  });

  test('no script errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
