import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SettingsStore } from '../core/settings/index.js';

/**
 * The desktop app keeps its settings file in Electron's per-user folder; the library lives in the
 * data folder the settings name (by default a "Library" folder beside it). A new data folder chosen
 * in Settings is stored there and used from the next start.
 */
export function settingsFileIn(userDataDir: string): string {
  return path.join(userDataDir, 'settings.json');
}

export function defaultDataDir(userDataDir: string): string {
  return path.join(userDataDir, 'Library');
}

export function configuredDataDir(settingsFile: string, fallback: string): string {
  return new SettingsStore(settingsFile, { dataDir: fallback }).get().dataDir;
}

/** Null when Inkstone can keep a library in `dir` (creating it if needed), else the reason it cannot. */
export async function folderProblem(dir: string): Promise<string | null> {
  if (!path.isAbsolute(dir)) return 'not an absolute path';
  try {
    await mkdir(dir, { recursive: true });
    if (!(await stat(dir)).isDirectory()) return 'not a folder';
    const probe = path.join(dir, `.inkstone-probe-${randomBytes(6).toString('hex')}`);
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}
