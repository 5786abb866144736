import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { DeviceFileKind, DeviceInventory, RpcResult } from '../../src-shared/api/index.js';
import type { CoreClient } from '../core/service/index.js';
import type { ShellStrings } from './strings.js';

/** Shared-library extensions per platform (versioned names such as libcastle.so.1.0.0 need "All files"). */
const MODULE_EXTENSIONS: Readonly<Partial<Record<NodeJS.Platform, string[]>>> = { win32: ['dll'], darwin: ['dylib', 'so'], linux: ['so'] };

/**
 * The signing devices screen's "Add a driver…" and "Remember a certificate file…": the native open
 * dialog, then the core's own operation with the path picked here, which checks it again. The page
 * never handles the path, as with the data folder.
 */
export async function chooseDeviceFile(options: {
  kind: DeviceFileKind;
  owner: BrowserWindow | null;
  core: CoreClient;
  strings: ShellStrings;
}): Promise<RpcResult<DeviceInventory | null>> {
  const { kind, strings: s } = options;
  const dialogOptions: OpenDialogOptions =
    kind === 'pkcs11Module'
      ? {
          title: s.chooseModuleTitle,
          properties: ['openFile'],
          filters: [
            { name: s.moduleFilter, extensions: MODULE_EXTENSIONS[process.platform] ?? ['so'] },
            { name: s.allFiles, extensions: ['*'] },
          ],
        }
      : { title: s.choosePkcs12Title, properties: ['openFile'], filters: [{ name: s.pkcs12Filter, extensions: ['p12', 'pfx'] }] };
  const picked = options.owner ? await dialog.showOpenDialog(options.owner, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
  const file = picked.filePaths[0];
  if (picked.canceled || !file) return { ok: true, value: null };
  const operation = kind === 'pkcs11Module' ? 'devices.addModule' : 'devices.rememberPkcs12';
  return (await options.core.invoke(operation, { path: file })) as RpcResult<DeviceInventory>;
}
