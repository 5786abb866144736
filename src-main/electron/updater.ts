import electronUpdater from 'electron-updater';

/**
 * Updates from the generic feed configured in electron-builder.yml (INKSTONE_UPDATE_URL at release
 * time). Only a packaged, signed app checks; a development run never does.
 */
export function checkForUpdates(isPackaged: boolean, log: (message: string) => void): void {
  if (!isPackaged) return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.checkForUpdatesAndNotify().catch((err: unknown) => log(`[updater] ${err instanceof Error ? err.message : String(err)}`));
}
