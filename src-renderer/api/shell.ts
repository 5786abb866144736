import type { DeviceFileKind, DeviceInventory, Settings } from '../../src-shared/api/index.js';

/**
 * Desktop-only extras the Electron preload adds beside the API contract (`window.inkstone.shell`).
 * Absent in a plain browser, where the UI hides what needs them.
 */
export interface ShellBridge {
  /** Native folder dialog; the main process checks the folder and stores it (applies on restart). Null if cancelled. */
  chooseDataFolder(): Promise<Settings | null>;
  /** Native open dialog for a token driver or a certificate file; the main process adds it (devices.addModule / rememberPkcs12). Null if cancelled. */
  chooseDeviceFile(kind: DeviceFileKind): Promise<DeviceInventory | null>;
  /** Uploads (file-transport.ts): a slot for `size` bytes, its chunks in order, then the id operations take. */
  uploadBegin(name: string, size: number): Promise<string>;
  uploadWrite(slot: string, chunk: Uint8Array): Promise<void>;
  uploadFinish(slot: string): Promise<{ uploadId: string }>;
}
