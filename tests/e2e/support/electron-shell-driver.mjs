// Runs the built Electron main process (dist/src-main/electron/main.js) against the stand-in
// electron module, drives its protocol and IPC handlers with a real core process behind them, and
// prints what it saw as JSON for tests/e2e/electron-shell.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fake } from './electron-fake/electron.mjs';

const root = process.argv[2];
await import(pathToFileURL(path.join(root, 'dist/src-main/electron/main.js')).href);
const window = await fake.windowCreated;
const out = {};
out.schemes = fake.schemes;
out.webPreferences = { ...window.options.webPreferences, preload: path.relative(root, window.options.webPreferences.preload) };
out.url = window.url;
const forkArgs = fake.forks[0].args;
out.fork = {
  module: path.relative(root, fake.forks[0].modulePath),
  dataDir: forkArgs[forkArgs.indexOf('--data-dir') + 1],
  settingsFile: forkArgs[forkArgs.indexOf('--settings-file') + 1],
  systemLanguages: forkArgs[forkArgs.indexOf('--system-languages') + 1],
};
out.menuAtStart = fake.menus.at(-1).template.map((m) => m.label);

const serve = fake.protocolHandlers.app;
const get = async (url) => {
  const r = await serve(new globalThis.Request(url));
  return { status: r.status, csp: r.headers.get('content-security-policy'), type: r.headers.get('content-type'), body: (await r.text()).slice(0, 2000) };
};
out.index = await get('app://inkstone/index.html');
out.root = await get('app://inkstone/');
out.traversal = await get('app://inkstone/..%2f..%2fpackage.json');
out.traversal2 = await get('app://inkstone/%2e%2e/%2e%2e/package.json');
out.otherHost = await get('app://evil/index.html');
out.worker = await get('app://inkstone/pdf.worker.min.mjs');

const rpc = fake.ipcHandlers['inkstone:rpc'];
const trusted = { senderFrame: { url: 'app://inkstone/index.html' }, sender: window.webContents };
const foreign = { senderFrame: { url: 'https://evil.example/' }, sender: window.webContents };
out.searchEmpty = await rpc(trusted, 'contracts.search', {}, undefined);
out.foreign = await rpc(foreign, 'contracts.search', {}, undefined);
out.noFrame = await rpc({ senderFrame: null }, 'contracts.search', {}, undefined);
out.unknownOp = await rpc(trusted, 'shell.exec', {}, undefined);
out.badInput = await rpc(trusted, 'contracts.create', { title: '' }, undefined);
out.created = await rpc(trusted, 'contracts.create', { title: '采购合同' }, undefined);
out.searchAfter = await rpc(trusted, 'contracts.search', { text: '采购' }, 'job-1');
out.settingsBefore = await rpc(trusted, 'settings.get', {}, undefined);
out.settingsUpdate = await rpc(trusted, 'settings.update', { language: 'en' }, undefined);
out.menuAfter = fake.menus.at(-1).template.map((m) => m.label);
out.settingsDataDir = await rpc(trusted, 'settings.update', { dataDir: os.tmpdir() }, undefined);

const newFolder = mkdtempSync(path.join(os.tmpdir(), 'inkstone-fake-folder-'));
fake.nextOpenDialog = { canceled: false, filePaths: [newFolder] };
const choose = fake.ipcHandlers['inkstone:choose-data-folder'];
out.chooseFolder = await choose(trusted);
out.chooseFolderExpected = newFolder;
fake.nextOpenDialog = { canceled: true, filePaths: [] };
out.chooseCancelled = await choose(trusted);
out.chooseForeign = await choose(foreign);

// Signing devices: the native dialog picks a driver or a certificate file; the core checks and remembers it.
const chooseDevice = fake.ipcHandlers['inkstone:choose-device-file'];
const module = path.join(mkdtempSync(path.join(os.tmpdir(), 'inkstone-fake-module-')), 'libvendor-pkcs11.so');
writeFileSync(module, 'not really a shared library');
fake.nextOpenDialog = { canceled: false, filePaths: [module] };
out.chooseModule = await chooseDevice(trusted, 'pkcs11Module');
out.chooseModuleExpected = module;
fake.nextOpenDialog = { canceled: false, filePaths: [path.join(os.tmpdir(), 'no-such-file.p12')] };
out.chooseMissingP12 = await chooseDevice(trusted, 'pkcs12File');
fake.nextOpenDialog = { canceled: true, filePaths: [] };
out.chooseDeviceCancelled = await chooseDevice(trusted, 'pkcs12File');
out.chooseDeviceBadKind = await chooseDevice(trusted, '../../etc/passwd');
out.chooseDeviceForeign = await chooseDevice(foreign, 'pkcs11Module');

let permission;
fake.permissionRequest({}, 'media', (granted) => (permission = granted));
out.permissionGranted = permission;
out.permissionCheck = fake.permissionCheck({}, 'clipboard-read');

const contents = window.webContents;
const navigate = (url) => {
  let prevented = false;
  contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
  return prevented;
};
out.navigateAway = navigate('https://evil.example/');
out.navigateInside = navigate('app://inkstone/index.html');
out.openDocs = contents.windowOpenHandler({ url: 'https://docs.inkstone.app/en/' });
out.openOther = contents.windowOpenHandler({ url: 'http://docs.inkstone.app/en/' });
out.openBackslash = contents.windowOpenHandler({ url: 'https://docs.inkstone.app\\@evil.com/' });
out.externalOpened = fake.dialogs.filter((d) => d.kind === 'external').map((d) => d.url);
out.errors = fake.dialogs.filter((d) => d.kind === 'error');

for (const h of fake.appHandlers['will-quit'] ?? []) h();
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
