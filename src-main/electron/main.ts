import { app, BrowserWindow, dialog, Menu, session, shell, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import type { CoreEvent, Language, RpcResult, Settings } from '../../src-shared/api/index.js';
import { IPC_CHANNELS } from '../../src-shared/api/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { languageFromLocales } from '../../src-shared/locale.js';
import { startCoreProcess, type CoreConnection } from './core-connection.js';
import { configuredDataDir, defaultDataDir, folderProblem, settingsFileIn } from './data-folder.js';
import { chooseDeviceFile } from './device-files.js';
import { registerIpc } from './ipc.js';
import { registerUploads } from './uploads.js';
import { buildAppMenu } from './menu.js';
import { importWithDialog } from './native-import.js';
import { RENDERER_DIR } from './paths.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { startReminderNotifications } from './reminders.js';
import { externalUrl, hardenWebContents } from './security.js';
import { fill, shellStrings } from './strings.js';
import { checkForUpdates } from './updater.js';
import { createMainWindow } from './window.js';

/**
 * Inkstone's Electron main process: a thin shell. It owns the window, the app:// protocol, menus,
 * native dialogs, notifications and updates; all contract logic runs in the core's utility process.
 */
const dev = !app.isPackaged;
let window: BrowserWindow | null = null;
let core: CoreConnection | null = null;
let language: Language = 'en';

const log = (message: string) => process.stderr.write(`${message}\n`);
/** The person's languages in order of preference, as the operating system lists them. */
const systemLanguages = () => [...app.getPreferredSystemLanguages(), app.getLocale()];
const openExternal = (url: string) => {
  const safe = externalUrl(url);
  if (safe) void shell.openExternal(safe);
};

function requireCore() {
  if (!core) throw new InkstoneError('INTERNAL');
  return core.client;
}

function send(event: CoreEvent): void {
  if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, event);
}

function focusWindow(): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function openWindow(): void {
  const created = createMainWindow({ title: shellStrings(language).appName, dev });
  created.on('closed', () => {
    if (window === created) window = null;
  });
  window = created;
}

function applyLanguage(next: Language): void {
  language = next;
  const s = shellStrings(language);
  Menu.setApplicationMenu(
    buildAppMenu(
      s,
      {
        importPdfs: () => {
          if (window && core) void importWithDialog(window, core.client, language).catch((err: unknown) => log(`[import] ${String(err)}`));
        },
        openDocs: () => openExternal(s.docsUrl),
      },
      { isMac: process.platform === 'darwin', dev },
    ),
  );
}

async function chooseDataFolder(event: IpcMainInvokeEvent): Promise<RpcResult<Settings | null>> {
  const s = shellStrings(language);
  const owner = BrowserWindow.fromWebContents(event.sender) ?? window;
  const options = {
    title: s.chooseFolderTitle,
    buttonLabel: s.chooseFolderButton,
    properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
  };
  const picked = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  const dir = picked.filePaths[0];
  if (picked.canceled || !dir) return { ok: true, value: null };
  const problem = await folderProblem(dir);
  if (problem) return { ok: false, error: new InkstoneError('DATA_DIR_UNAVAILABLE', { path: dir, reason: problem }).toJSON() };
  return (await requireCore().setDataDir(path.resolve(dir))) as RpcResult<Settings>;
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId('com.inkstone.desktop');
  language = languageFromLocales(systemLanguages());
  const s = shellStrings(language);

  const userData = app.getPath('userData');
  const settingsFile = settingsFileIn(userData);
  const fallback = defaultDataDir(userData);
  let dataDir = configuredDataDir(settingsFile, fallback);
  const problem = await folderProblem(dataDir);
  if (problem && dataDir !== fallback) {
    await dialog.showMessageBox({ type: 'warning', title: s.appName, message: fill(s.dataFolderFallback, { path: dataDir, reason: problem, fallback }) });
    dataDir = fallback;
  }

  core = startCoreProcess({
    dataDir,
    settingsFile,
    systemLanguages: systemLanguages(),
    onExit: (code) => {
      dialog.showErrorBox(shellStrings(language).appName, fill(shellStrings(language).coreStopped, { code }));
      app.exit(1);
    },
  });
  core.client.onEvent(send);

  const settings = await core.client.invoke('settings.get', {});
  applyLanguage(settings.ok ? (settings.value as Settings).language : language);

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Everything the page saves (a copy of a document, a verification report, a signed version) is a
  // Blob download: the native save dialog asks where it goes.
  session.defaultSession.on('will-download', (_event, item) => {
    item.setSaveDialogOptions({
      title: shellStrings(language).saveCopyTitle,
      defaultPath: path.join(app.getPath('documents'), item.getFilename()),
      filters: [{ name: shellStrings(language).pdfFilter, extensions: ['pdf'] }],
    });
  });
  serveRenderer(RENDERER_DIR, () => core?.client ?? null);
  registerIpc({
    core: requireCore,
    onSettingsChanged: (next) => next.language !== language && applyLanguage(next.language),
    chooseDataFolder,
    chooseDeviceFile: (event, kind) =>
      chooseDeviceFile({ kind, owner: BrowserWindow.fromWebContents(event.sender) ?? window, core: requireCore(), strings: shellStrings(language) }),
  });
  registerUploads(requireCore);

  openWindow();
  startReminderNotifications({ core: () => core?.client ?? null, language: () => language, forward: send, onClick: focusWindow });
  checkForUpdates(app.isPackaged, log);
}

registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!window && core) openWindow();
  });
  app.on('will-quit', () => core?.stop());
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log(`[main] start failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      dialog.showErrorBox('Inkstone', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
