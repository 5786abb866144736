import { readFileSync } from 'node:fs';
import { Settings } from '../../../src-shared/api/index.js';
import { writeFileAtomic } from '../files/index.js';
import { languageFromLocale, systemLocale } from '../environment/index.js';

/**
 * The person's settings. The settings file lives in the OS's per-user application folder
 * (`defaultAppDir`); the library (database + documents) lives in the data folder it names, which
 * defaults to the same place and can be moved.
 */
export { defaultAppDir, languageFromLocale, systemLocale } from '../environment/index.js';

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
