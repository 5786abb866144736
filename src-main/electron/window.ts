import { BrowserWindow } from 'electron';
import { PRELOAD_FILE } from './paths.js';
import { APP_URL } from './security.js';

/** The main window: sandboxed, context-isolated renderer with only the preload's bridge. */
export function createMainWindow(options: { title: string; dev: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: options.title,
    backgroundColor: '#f3f5f8',
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.dev,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}
