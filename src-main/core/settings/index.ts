import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Settings, type Language } from '../../../src-shared/api/index.js';
import { writeFileAtomic } from '../files/index.js';

/**
 * Where Inkstone keeps its things, per operating system, and the person's settings. The settings
 * file lives in the OS's per-user application folder; the library (database + documents) lives in
 * the data folder it names, which defaults to the same place and can be moved.
 */
export function defaultAppDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Inkstone');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Inkstone');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'inkstone');
}

/** zh-CN when the system speaks Chinese, English otherwise. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale && /^zh\b|^zh[-_]/i.test(locale) ? 'zh-CN' : 'en';
}

export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
}

export class SettingsStore {
  private current: Settings;

  constructor(
    readonly file: string,
    defaults: { dataDir: string; locale?: string },
  ) {
    const fallback: Settings = { language: languageFromLocale(defaults.locale ?? systemLocale()), dataDir: defaults.dataDir, reminderHorizonDays: 30 };
    this.current = fallback;
    try {
      const parsed = Settings.partial().safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) this.current = { ...fallback, ...parsed.data };
    } catch {
      // No settings yet (first run) or an unreadable file: start from the defaults.
    }
  }

  get(): Settings {
    return { ...this.current };
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...this.current, ...patch });
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2), { overwrite: true });
    this.current = next;
    return this.get();
  }
}
