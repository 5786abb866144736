import os from 'node:os';
import path from 'node:path';
import type { Language } from '../../../src-shared/i18n/index.js';
import { languageFromLocales } from '../../../src-shared/locale.js';

/**
 * What the operating system tells Inkstone: where per-user application data lives, and which
 * language the person's system speaks. Kept apart from the settings (which load the API schemas) so
 * that a CLI command can find its data folder and language without loading them.
 */
export function defaultAppDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Inkstone');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Inkstone');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'inkstone');
}

/** zh-CN when the system speaks Chinese, English otherwise. */
export function languageFromLocale(locale: string | undefined): Language {
  return languageFromLocales([locale]);
}

export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
}

/**
 * The data folder's sub-folder of the CA certificates the person trusts (verify.trust.*). Named
 * here, below the verifier, so the core can sweep it at start without loading the verifier.
 */
export const TRUSTED_CERTIFICATES_FOLDER = 'trusted-certificates';
