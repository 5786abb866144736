import type { DeviceScanner } from './device-scanner.js';

export interface DeviceWatchOptions {
  readonly scanner: DeviceScanner;
  /** The modules to watch, asked afresh at each tick (the person may add one). */
  readonly modules: () => readonly string[];
  /** Called once per tick in which any module's tokens changed. */
  readonly onChange: () => void;
  /** Whether fixed-slot modules may be re-initialised now (not while this process signs with one). */
  readonly mayReinitialize: () => boolean;
  /** Time between two checks; a change is seen within about one interval plus the check itself. */
  readonly intervalMs?: number;
}

export interface DeviceWatch {
  stop(): void;
  /** Resolves after the next complete check (tests and benchmarks wait on it). */
  nextCheck(): Promise<void>;
}

/**
 * Hot-plug detection: each module's fingerprint (slot events where the module has them, its slot
 * and token list otherwise) is taken every `intervalMs` in the device thread; a difference from the
 * last one is a change. Checks never overlap, and a module that does not answer in time is skipped
 * for that tick rather than waited for.
 */
export function watchDevices(options: DeviceWatchOptions): DeviceWatch {
  const interval = options.intervalMs ?? 500;
  const last = new Map<string, string>();
  let stopped = false;
  let waiters: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;

  const check = async () => {
    let changed = false;
    const modules = options.modules();
    for (const module of modules) {
      let fingerprint: string;
      try {
        fingerprint = await options.scanner.fingerprint(module, { reinitialize: options.mayReinitialize() });
      } catch {
        fingerprint = 'not responding';
      }
      if (stopped) return;
      if (last.has(module) && last.get(module) !== fingerprint) changed = true;
      last.set(module, fingerprint);
    }
    for (const module of [...last.keys()]) if (!modules.includes(module)) last.delete(module);
    if (changed) options.onChange();
  };
  const loop = () => {
    void check().finally(() => {
      const done = waiters;
      waiters = [];
      for (const w of done) w();
      if (stopped) return;
      // The watch alone never keeps the process alive; someone waiting for a check does.
      timer = setTimeout(loop, interval);
      if (!waiters.length) timer.unref();
    });
  };
  loop();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const w of waiters) w();
      waiters = [];
    },
    nextCheck: () =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        timer?.ref();
        // The check in flight may have started before the caller's change: wait for the one after it.
        waiters.push(() => (stopped ? resolve() : waiters.push(resolve)));
      }),
  };
}
