// Autosave against a real crash: the browser host (with the core) runs in its own process, the
// person types, the process is killed with SIGKILL mid-typing, a new one starts on the same data
// folder, and the draft has everything typed up to one second before the kill, with the cursor
// back in the article it was in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Drafts } from '../../src-main/core/drafting/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { launchChromium } from '../support/chromium.js';
import { ROOT } from './support/harness.js';

const STATIC_DIR = path.join(ROOT, 'dist', 'renderer');
const TYPED = '甲乙双方应当遵守本合同约定的保密义务并承担相应的违约责任'.repeat(4);

/** The browser host and its core in a child process; resolves with its URL once it listens. */
function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main/host/cli.ts'), '--data-dir', dataDir, '--static', STATIC_DIR], {
    cwd: ROOT,
    env: { ...process.env, LC_ALL: 'zh_CN.UTF-8' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Open:\s+(\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`host exited early (${code})`)));
  });
}

async function openDraft(page: Page, url: string) {
  await page.goto(url);
  await page.locator('[role="option"][data-contract-id]').first().click();
  await page.getByRole('tab', { name: '起草' }).click();
  await page.locator('.draft-document').waitFor();
}

test('kill -9 of the core while typing loses at most the last second; the cursor comes back to its article', { timeout: 240_000 }, async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-crash-'));
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-crash-chromium-'));
  const library = new Library(dataDir);
  const contract = library.createContract({ title: '保密协议' }, { parties: [{ role: '甲方', name: '北京星河数据科技有限公司' }] });
  new Drafts(library).create(contract.id, 'zh-CN');
  library.close();

  const context = await launchChromium(profileDir, { locale: 'zh-CN', viewport: { width: 1360, height: 860 } });
  let host = await startHost(dataDir);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    await openDraft(page, host.url);
    // Type into a second article, so "back to the cursor's article" is not simply the first one.
    await page.getByRole('button', { name: '条', exact: true }).click();
    await page.keyboard.type('保密义务');
    await page.keyboard.press('Enter');
    const articleId = await page.locator('.draft-article').nth(1).getAttribute('data-id');

    const exited = new Promise((resolve) => host.child.once('exit', resolve));
    const sentAt: number[] = [];
    let killedAt = 0;
    const start = Date.now();
    for (const ch of TYPED) {
      await page.keyboard.insertText(ch);
      sentAt.push(Date.now());
      if (!killedAt && Date.now() - start > 3000) {
        killedAt = Date.now();
        host.child.kill('SIGKILL');
        break;
      }
      await page.waitForTimeout(40);
    }
    await exited;
    const typed = TYPED.slice(0, sentAt.length);

    host = await startHost(dataDir);
    await openDraft(page, host.url);
    const saved = (await page.locator('.draft-article').nth(1).locator('p').first().textContent()) ?? '';
    assert.ok(typed.startsWith(saved), `saved text is what was typed, in order: ${saved}`);
    const mustHave = sentAt.filter((t) => t <= killedAt - 1000).length;
    const lostMs = saved.length >= sentAt.length ? 0 : killedAt - sentAt[saved.length]!;
    process.stdout.write(`# typed ${sentAt.length} characters, saved ${saved.length}; lost the last ${lostMs} ms\n`);
    assert.ok(saved.length >= mustHave, `only ${saved.length} of the ${mustHave} characters typed a second or more before the kill survived`);
    assert.ok(lostMs <= 1000, `lost ${lostMs} ms`);
    // The cursor is back in the article that was being typed in.
    const restored = await page.evaluate(() => (getSelection()?.anchorNode?.parentElement?.closest('.draft-article') as HTMLElement | null)?.dataset.id);
    assert.equal(restored, articleId);
  } finally {
    host.child.kill('SIGKILL');
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
