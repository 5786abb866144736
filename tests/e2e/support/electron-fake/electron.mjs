// A stand-in for the parts of Electron's main-process API that Inkstone's shell uses. It records what
// the shell does (windows, protocol handlers, IPC handlers, menus) so a test can drive and inspect it.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';

export const fake = {
  schemes: [],
  protocolHandlers: {},
  ipcHandlers: {},
  windows: [],
  menus: [],
  sent: [],
  appHandlers: {},
  permissionRequest: null,
  permissionCheck: null,
  nextOpenDialog: { canceled: true, filePaths: [] },
  dialogs: [],
  exitCode: null,
  forks: [],
  windowCreated: null,
};
let resolveWindow;
fake.windowCreated = new Promise((r) => (resolveWindow = r));

const paths = { userData: process.env.FAKE_USER_DATA, documents: process.env.FAKE_USER_DATA, downloads: process.env.FAKE_USER_DATA };

export const app = {
  isPackaged: false,
  getPath: (name) => paths[name] ?? process.env.FAKE_USER_DATA,
  // Chromium's UI locale may disagree with the person's languages: the preferred list must win.
  getLocale: () => 'en-US',
  getPreferredSystemLanguages: () => ['fr-FR', 'zh-TW', 'en-US'],
  requestSingleInstanceLock: () => true,
  setAppUserModelId: () => undefined,
  on(event, handler) {
    (fake.appHandlers[event] ??= []).push(handler);
    return app;
  },
  whenReady: () => Promise.resolve(),
  quit: () => undefined,
  exit: (code) => {
    fake.exitCode = code;
  },
};

class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.windowOpenHandler = null;
  }
  send(channel, payload) {
    fake.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.url = null;
    fake.windows.push(this);
    for (const h of fake.appHandlers['web-contents-created'] ?? []) h({}, this.webContents);
  }
  loadURL(url) {
    this.url = url;
    resolveWindow(this);
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  show() {}
  focus() {}
  restore() {}
  static fromWebContents() {
    return fake.windows[0] ?? null;
  }
}

export const protocol = {
  registerSchemesAsPrivileged: (list) => fake.schemes.push(...list),
  handle: (scheme, handler) => {
    fake.protocolHandlers[scheme] = handler;
  },
};

export const ipcMain = {
  handle: (channel, handler) => {
    fake.ipcHandlers[channel] = handler;
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (fake.permissionRequest = h),
    setPermissionCheckHandler: (h) => (fake.permissionCheck = h),
    on: () => undefined,
  },
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => fake.menus.push(menu),
};

export const dialog = {
  showOpenDialog: async (...args) => {
    fake.dialogs.push({ kind: 'open', args });
    return fake.nextOpenDialog;
  },
  showMessageBox: async (...args) => {
    fake.dialogs.push({ kind: 'message', args });
    return { response: 0 };
  },
  showErrorBox: (title, content) => fake.dialogs.push({ kind: 'error', title, content }),
};

export const shell = { openExternal: async (url) => fake.dialogs.push({ kind: 'external', url }) };

export class Notification extends EventEmitter {
  static isSupported() {
    return false;
  }
  show() {}
}

export const utilityProcess = {
  fork(modulePath, args, options) {
    const child = fork(modulePath, args, {
      env: options?.env,
      execArgv: ['--import', new URL('./parent-port.mjs', import.meta.url).pathname],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    fake.forks.push({ modulePath, args, env: options?.env });
    return {
      postMessage: (message) => child.send(message),
      on: (event, listener) => child.on(event, listener),
      kill: () => child.kill(),
    };
  },
};

// The OS keychain as safeStorage exposes it: a libsecret-like backend whose "encryption" is a
// reversible scramble, so the shell's keychain path runs and the sealed file never holds the plain text.
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (sealed) => Buffer.from(Buffer.from(sealed).map((b) => b ^ 0x5a)).toString('utf8'),
};
