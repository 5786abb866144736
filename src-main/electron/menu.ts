import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ShellStrings } from './strings.js';

export interface MenuActions {
  importPdfs(): void;
  openDocs(): void;
}

/** The application menu in the person's language; rebuilt when the language setting changes. */
export function buildAppMenu(s: ShellStrings, actions: MenuActions, options: { isMac: boolean; dev: boolean }): Menu {
  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) {
    template.push({
      label: s.appName,
      submenu: [
        { role: 'about', label: s.about },
        { type: 'separator' },
        { role: 'services', label: s.services },
        { type: 'separator' },
        { role: 'hide', label: s.hide },
        { role: 'hideOthers', label: s.hideOthers },
        { role: 'unhide', label: s.showAll },
        { type: 'separator' },
        { role: 'quit', label: s.quit },
      ],
    });
  }
  template.push(
    {
      label: s.file,
      submenu: [
        { label: s.importPdfs, accelerator: 'CmdOrCtrl+O', click: () => actions.importPdfs() },
        { type: 'separator' },
        options.isMac ? { role: 'close', label: s.close } : { role: 'quit', label: s.quit },
      ],
    },
    {
      label: s.edit,
      submenu: [
        { role: 'undo', label: s.undo },
        { role: 'redo', label: s.redo },
        { type: 'separator' },
        { role: 'cut', label: s.cut },
        { role: 'copy', label: s.copy },
        { role: 'paste', label: s.paste },
        { role: 'selectAll', label: s.selectAll },
      ],
    },
    {
      label: s.view,
      submenu: [
        ...(options.dev
          ? ([{ role: 'reload', label: s.reload }, { role: 'toggleDevTools', label: s.devTools }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom', label: s.actualSize },
        { role: 'zoomIn', label: s.zoomIn },
        { role: 'zoomOut', label: s.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: s.fullScreen },
      ],
    },
    {
      label: s.window,
      submenu: [{ role: 'minimize', label: s.minimize }, ...(options.isMac ? ([{ role: 'zoom', label: s.zoom }] satisfies MenuItemConstructorOptions[]) : [])],
    },
    { label: s.help, submenu: [{ label: s.documentation, click: () => actions.openDocs() }] },
  );
  return Menu.buildFromTemplate(template);
}
