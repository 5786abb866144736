import type { Lang } from '../src-shared/errors/index.js';

/** The CLI's own words for long runs, in both languages (`{placeholders}` filled by `say`). */
const WORDS = {
  en: {
    importSummary: '{imported} imported · {duplicates} already present · {failed} failed',
  },
  'zh-CN': {
    importSummary: '已导入 {imported} 个 · 已在库中 {duplicates} 个 · 失败 {failed} 个',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export function say(lang: Lang, key: keyof (typeof WORDS)['en'], params: Record<string, string | number>): string {
  return WORDS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A one-line progress bar on a terminal's stderr, redrawn in place; nothing when stderr is not a
 * terminal (a pipe or a log file gets only the summary).
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number, label: string): void; done(): void } {
  const tty = Boolean(stream.isTTY);
  let drawn = false;
  return {
    update(done, total, label) {
      if (!tty) return;
      const width = 28;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      const text = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${label}`;
      const columns = stream.columns || 80;
      stream.write(`\r${text.slice(0, columns - 1)}\x1b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
