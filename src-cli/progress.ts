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
