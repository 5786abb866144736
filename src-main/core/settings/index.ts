import { readFileSync } from 'node:fs';
import { Settings, type Language } from '../../../src-shared/api/index.js';
import { languageFromLocales } from '../../../src-shared/locale.js';
import { writeFileAtomic } from '../files/index.js';
import { systemLocale } from '../environment/index.js';

/**
 * The person's settings. The settings file lives in the OS's per-user application folder
 * (`defaultAppDir`); the library (database + documents) lives in the data folder it names, which
 * defaults to the same place and can be moved.
 */
export { defaultAppDir, languageFromLocale, systemLocale } from '../environment/index.js';

export class SettingsStore {
  private current: Settings;
  private readonly systemLanguage: Language;

  /**
   * `systemLanguages`: the person's languages in order of preference (Electron hands over
   * `app.getPreferredSystemLanguages()`); the process locale when not given.
   */
  constructor(
    readonly file: string,
    defaults: { dataDir: string; locale?: string; systemLanguages?: readonly string[] },
  ) {
    this.systemLanguage = languageFromLocales(defaults.systemLanguages?.length ? defaults.systemLanguages : [defaults.locale ?? systemLocale()]);
    const fallback: Settings = {
      language: this.systemLanguage,
      languageChosen: false,
      dataDir: defaults.dataDir,
      reminderHorizonDays: 30,
      verifyOnline: false,
      pkcs11Modules: [],
      pkcs12Files: [],
    };
    this.current = fallback;
    try {
      const parsed = Settings.partial().safeParse(JSON.parse(readFileSync(file, 'utf8')));
      // A file written before `languageChosen` existed holds the language the person had.
      if (parsed.success)
        this.current = this.settle({ ...fallback, ...parsed.data, languageChosen: parsed.data.languageChosen ?? parsed.data.language !== undefined });
    } catch {
      // No settings yet (first run) or an unreadable file: start from the defaults.
    }
  }

  /** An unchosen language is always the system's, whatever was stored. */
  private settle(s: Settings): Settings {
    return s.languageChosen ? s : { ...s, language: this.systemLanguage };
  }

  get(): Settings {
    return { ...this.current };
  }

  /** Setting `language` chooses it; `languageChosen: false` goes back to following the system. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const languageChosen = patch.languageChosen ?? (patch.language !== undefined ? true : this.current.languageChosen);
    const next = this.settle(Settings.parse({ ...this.current, ...patch, languageChosen }));
    // The system's language is not stored: it is worked out afresh at each start.
    const stored = next.languageChosen ? next : { ...next, language: undefined };
    await writeFileAtomic(this.file, JSON.stringify(stored, null, 2), { overwrite: true });
    this.current = next;
    return this.get();
  }
}
