import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useInkstone } from './support/harness.js';

/**
 * A zh-CN browser in front of a host whose process locale is C.UTF-8 (a server, a container) gets a
 * Chinese UI on first run; an explicit choice in Settings wins over the browser, also after a reload,
 * until the person goes back to "Same as system".
 */
describe('first-run language follows the browser', { timeout: 120_000 }, () => {
  const ui = useInkstone({ lang: 'zh-CN', systemLocale: 'C.UTF-8' });
  const htmlLang = () => ui.page.evaluate(() => document.documentElement.lang);

  test('a zh-CN browser gets the Chinese UI although the host process speaks C.UTF-8', async () => {
    await ui.page.getByRole('heading', { name: '合同库还是空的' }).waitFor();
    assert.equal(await htmlLang(), 'zh-CN');
  });

  test('choosing English in Settings wins over the browser, after a reload too', async () => {
    await ui.page.getByRole('button', { name: '设置' }).click();
    assert.ok(await ui.page.getByRole('radio', { name: '跟随系统' }).isChecked());
    await ui.page.getByText('English', { exact: true }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await ui.page.reload();
    await ui.page.getByRole('heading', { name: 'Your contract library is empty' }).waitFor();
    assert.equal(await htmlLang(), 'en');
  });

  test('"Same as system" follows the browser again', async () => {
    await ui.page.getByRole('button', { name: 'Settings' }).click();
    await ui.page.getByText('Same as system', { exact: true }).click();
    await ui.page.getByRole('heading', { level: 1, name: '设置' }).waitFor();
    await ui.app.screenshot('zh-CN-settings-language');
    assert.equal(await htmlLang(), 'zh-CN');
    assert.deepEqual(ui.app.pageErrors, []);
  });
});
