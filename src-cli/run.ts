import path from 'node:path';
import { formatErrorMessage, InkstoneError, isInkstoneError } from '../src-shared/errors/index.js';
import { isLanguage, type Language } from '../src-shared/i18n/index.js';
import { defaultAppDir, languageFromLocale, systemLocale } from '../src-main/core/environment/index.js';

/** Exit codes shared by every command. `verify` uses 0/1/2 for its verdicts, so failures start at 3. */
export const EXIT = { ok: 0, failure: 3, usage: 64 } as const;

/** The language of messages: a command's own --lang, then the global one (INKSTONE_LANG), then the system's. */
export function cliLanguage(explicit?: string): Language {
  for (const choice of [explicit, process.env.INKSTONE_LANG]) if (isLanguage(choice)) return choice;
  return languageFromLocale(systemLocale());
}

export function resolveDataDir(explicit?: string): string {
  return path.resolve(explicit ?? process.env.INKSTONE_DATA_DIR ?? defaultAppDir());
}

/**
 * Run a command body: a typed error becomes one line on stderr in the user's language and a
 * non-zero exit; anything unexpected says so without a stack trace unless INKSTONE_DEBUG is set.
 */
export async function runCommand(body: () => Promise<number | void>, lang: Language = cliLanguage()): Promise<never> {
  let code: number;
  try {
    code = (await body()) ?? EXIT.ok;
  } catch (err) {
    if (isInkstoneError(err)) {
      process.stderr.write(`inkstone: ${err.code}: ${formatErrorMessage(err.code, err.details, lang)}\n`);
      code = err.code === 'USAGE' ? EXIT.usage : EXIT.failure;
    } else {
      process.stderr.write(`inkstone: INTERNAL: ${formatErrorMessage('INTERNAL', {}, lang)}\n`);
      if (process.env.INKSTONE_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
      code = EXIT.failure;
    }
  }
  // Let stdout drain before exiting (large --json output through a pipe).
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

export function usage(reason: string): InkstoneError {
  return new InkstoneError('USAGE', { reason });
}
