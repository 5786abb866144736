import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { ROOT } from './support/harness.js';

/**
 * The Electron binary cannot run on the build machines, so the built main process
 * (dist/src-main/electron/main.js) runs here against a stand-in `electron` module
 * (support/electron-fake/) with a real core process behind it. The driver exercises the app://
 * protocol, the IPC handlers and the window's hardening, and reports what it saw.
 */
interface Rpc {
  ok: boolean;
  value?: unknown;
  error?: { code: string };
}
interface Served {
  status: number;
  csp: string | null;
  type: string | null;
  body: string;
}
interface DriverReport {
  schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  webPreferences: Record<string, unknown>;
  url: string;
  fork: { module: string; dataDir: string; settingsFile: string; systemLanguages: string };
  menuAtStart: string[];
  menuAfter: string[];
  index: Served;
  root: Served;
  traversal: Served;
  traversal2: Served;
  otherHost: Served;
  worker: Served;
  searchEmpty: Rpc;
  foreign: Rpc;
  noFrame: Rpc;
  unknownOp: Rpc;
  badInput: Rpc;
  created: Rpc;
  searchAfter: Rpc & { value?: { total: number } };
  settingsBefore: Rpc & { value?: { language: string; dataDir: string } };
  settingsUpdate: Rpc & { value?: { language: string } };
  settingsDataDir: Rpc;
  chooseFolder: Rpc & { value?: { dataDir: string } };
  chooseFolderExpected: string;
  chooseCancelled: Rpc;
  chooseForeign: Rpc;
  chooseModule: Rpc & { value?: { modules: Array<{ path: string; userAdded: boolean; error?: { code: string } }> } };
  chooseModuleExpected: string;
  chooseMissingP12: Rpc;
  chooseDeviceCancelled: Rpc;
  chooseDeviceBadKind: Rpc;
  chooseDeviceForeign: Rpc;
  permissionGranted: boolean;
  permissionCheck: boolean;
  navigateAway: boolean;
  navigateInside: boolean;
  openDocs: { action: string };
  openOther: { action: string };
  openBackslash: { action: string };
  externalOpened: string[];
  errors: unknown[];
}

const userData = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-userdata-'));

function runShell(): DriverReport {
  const res = spawnSync(process.execPath, ['--import', './tests/e2e/support/electron-fake/register.mjs', 'tests/e2e/support/electron-shell-driver.mjs', ROOT], {
    cwd: ROOT,
    env: { ...process.env, FAKE_USER_DATA: userData, LC_ALL: '', LC_MESSAGES: '', LANG: 'C' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(res.status, 0, res.stderr);
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as DriverReport;
}

describe('Electron shell (built main process, stand-in electron module)', () => {
  after(() => rmSync(userData, { recursive: true, force: true }));
  let first: DriverReport;

  test('starts the core in a utility process with the data folder under userData and the system language', () => {
    first = runShell();
    // The core runs from its bundle (scripts/bundle.mjs), as the packaged app does.
    assert.equal(first.fork.module, path.join('dist', 'bundles', 'core', 'core-process.js'));
    assert.equal(first.fork.dataDir, path.join(userData, 'Library'));
    assert.equal(first.fork.settingsFile, path.join(userData, 'settings.json'));
    // app.getPreferredSystemLanguages() is handed to the core: the first Chinese or English one (zh-TW) decides.
    assert.equal(first.fork.systemLanguages, 'fr-FR,zh-TW,en-US,en-US');
    assert.deepEqual(first.menuAtStart, ['文件', '编辑', '显示', '窗口', '帮助']);
    assert.equal(first.settingsBefore.value?.language, 'zh-CN');
  });

  test('opens a sandboxed, isolated window on app:// with the preload', () => {
    assert.deepEqual(first.schemes, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    assert.equal(first.url, 'app://inkstone/index.html');
    const wp = first.webPreferences;
    assert.equal(wp.contextIsolation, true);
    assert.equal(wp.sandbox, true);
    assert.equal(wp.nodeIntegration, false);
    assert.equal(wp.webSecurity, true);
    assert.equal(wp.preload, path.join('dist', 'preload', 'preload.cjs'));
  });

  test('app:// serves the renderer with the CSP and refuses paths outside it and other hosts', () => {
    assert.equal(first.index.status, 200);
    assert.match(first.index.body, /<div id="root">|app\.js/);
    // WebAssembly for pdf.js's image decoders (JPEG 2000, JBIG2, ICC), and still no eval or inline script.
    assert.match(first.index.csp ?? '', /script-src 'self' 'wasm-unsafe-eval';/);
    assert.match(first.index.csp ?? '', /worker-src 'self' blob:/);
    assert.equal(first.root.status, 200);
    assert.equal(first.worker.status, 200);
    assert.equal(first.worker.type, 'text/javascript; charset=utf-8');
    for (const r of [first.traversal, first.traversal2, first.otherHost]) assert.equal(r.status, 404);
  });

  test('IPC answers only the app:// page; the core validates input and returns typed errors', () => {
    assert.equal(first.searchEmpty.ok, true);
    assert.equal(first.foreign.error?.code, 'ORIGIN_REJECTED');
    assert.equal(first.noFrame.error?.code, 'ORIGIN_REJECTED');
    assert.equal(first.unknownOp.error?.code, 'UNKNOWN_OPERATION');
    assert.equal(first.badInput.error?.code, 'INVALID_INPUT');
    assert.equal(first.created.ok, true);
    assert.equal(first.searchAfter.value?.total, 1);
  });

  test('changing the language in settings rebuilds the menu in that language', () => {
    assert.equal(first.settingsUpdate.value?.language, 'en');
    assert.deepEqual(first.menuAfter, ['File', 'Edit', 'View', 'Window', 'Help']);
  });

  test('the data folder chosen in the native dialog is stored, and used from the next start; the page cannot set one', () => {
    assert.equal(first.settingsDataDir.error?.code, 'INVALID_INPUT');
    assert.equal(first.chooseFolder.value?.dataDir, first.chooseFolderExpected);
    assert.deepEqual(first.chooseCancelled, { ok: true, value: null });
    assert.equal(first.chooseForeign.error?.code, 'ORIGIN_REJECTED');
    const second = runShell();
    assert.equal(second.fork.dataDir, first.chooseFolderExpected);
    assert.deepEqual(second.menuAtStart, ['File', 'Edit', 'View', 'Window', 'Help']);
    rmSync(first.chooseFolderExpected, { recursive: true, force: true });
  });

  test('a token driver or certificate file picked in the native dialog is added by the core; the kind is checked, cancel adds nothing', () => {
    const added = first.chooseModule.value?.modules.find((m) => m.path === first.chooseModuleExpected);
    assert.equal(added?.userAdded, true);
    assert.equal(added?.error?.code, 'TOKEN_MODULE_LOAD_FAILED');
    assert.equal(first.chooseMissingP12.error?.code, 'DEVICE_FILE_NOT_FOUND');
    assert.deepEqual(first.chooseDeviceCancelled, { ok: true, value: null });
    assert.equal(first.chooseDeviceBadKind.error?.code, 'INVALID_INPUT');
    assert.equal(first.chooseDeviceForeign.error?.code, 'ORIGIN_REJECTED');
  });

  test('permissions are refused, navigation away is blocked, new windows are denied (https docs go to the browser)', () => {
    assert.equal(first.permissionGranted, false);
    assert.equal(first.permissionCheck, false);
    assert.equal(first.navigateAway, true);
    assert.equal(first.navigateInside, false);
    assert.deepEqual(first.openDocs, { action: 'deny' });
    assert.deepEqual(first.openOther, { action: 'deny' });
    assert.deepEqual(first.openBackslash, { action: 'deny' });
    // What reaches the operating system is the parsed URL, never the raw string.
    assert.deepEqual(first.externalOpened, ['https://docs.inkstone.app/en/', 'https://docs.inkstone.app/@evil.com/']);
    assert.deepEqual(first.errors, []);
  });
});
