/**
 * IPC channel names between the preload and the main process (src-main/electron/channels.ts holds
 * the same three; the two builds cannot share a file).
 */
export const RPC_CHANNEL = 'inkstone:rpc';
export const EVENT_CHANNEL = 'inkstone:event';
export const CHOOSE_DATA_FOLDER_CHANNEL = 'inkstone:choose-data-folder';
