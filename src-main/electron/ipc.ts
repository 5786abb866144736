import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { DeviceFileKind, DeviceInventory, RpcResult, Settings } from '../../src-shared/api/index.js';
import { DEVICE_FILE_KINDS, IPC_CHANNELS } from '../../src-shared/api/index.js';
import { InkstoneError, type ErrorCode } from '../../src-shared/errors/index.js';
import type { CoreClient } from '../core/service/index.js';
import { isTrustedSender } from './security.js';

function refused(code: ErrorCode, details: Record<string, string> = {}): RpcResult<never> {
  return { ok: false, error: new InkstoneError(code, details).toJSON() };
}

/**
 * The renderer's only ways into the main process. Every call first checks that it comes from our own
 * app:// page; the core then validates the input against the contract and maps errors to codes.
 */
export function registerIpc(options: {
  core: () => CoreClient;
  onSettingsChanged: (settings: Settings) => void;
  chooseDataFolder: (event: IpcMainInvokeEvent) => Promise<RpcResult<Settings | null>>;
  chooseDeviceFile: (event: IpcMainInvokeEvent, kind: DeviceFileKind) => Promise<RpcResult<DeviceInventory | null>>;
}): void {
  ipcMain.handle(IPC_CHANNELS.rpc, async (event, operation: unknown, input: unknown, jobId: unknown) => {
    if (!isTrustedSender(event)) return refused('ORIGIN_REJECTED');
    if (typeof operation !== 'string') return refused('UNKNOWN_OPERATION', { operation: String(operation).slice(0, 100) });
    const result = await options
      .core()
      .invoke(operation, input, { jobId: typeof jobId === 'string' && jobId.length > 0 && jobId.length <= 100 ? jobId : undefined });
    if (operation === 'settings.update' && result.ok) options.onSettingsChanged(result.value as Settings);
    return result;
  });
  ipcMain.handle(IPC_CHANNELS.chooseDataFolder, async (event) => {
    if (!isTrustedSender(event)) return refused('ORIGIN_REJECTED');
    return options.chooseDataFolder(event);
  });
  ipcMain.handle(IPC_CHANNELS.chooseDeviceFile, async (event, kind: unknown) => {
    if (!isTrustedSender(event)) return refused('ORIGIN_REJECTED');
    if (!(DEVICE_FILE_KINDS as readonly unknown[]).includes(kind)) return refused('INVALID_INPUT', { issues: 'kind: not a device file kind' });
    return options.chooseDeviceFile(event, kind as DeviceFileKind);
  });
}
