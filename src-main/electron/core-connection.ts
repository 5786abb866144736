import { utilityProcess, type UtilityProcess } from 'electron';
import { connectCoreClient, type CoreClient } from '../core/service/index.js';
import { CORE_PROCESS_FILE } from './paths.js';

export interface CoreConnection {
  client: CoreClient;
  process: UtilityProcess;
  stop(): void;
}

/**
 * Start the core in a utility process and connect to it with the core's port protocol. The
 * person's system languages are handed over so the core's first-run settings speak them (the
 * process has no UI to ask, and its own locale may be C.UTF-8).
 */
export function startCoreProcess(options: {
  dataDir: string;
  settingsFile: string;
  systemLanguages: readonly string[];
  onExit: (code: number) => void;
}): CoreConnection {
  const args = ['--data-dir', options.dataDir, '--settings-file', options.settingsFile, '--system-languages', options.systemLanguages.join(',')];
  const child = utilityProcess.fork(CORE_PROCESS_FILE, args, { serviceName: 'Inkstone Core', stdio: 'inherit' });
  let stopping = false;
  child.on('exit', (code) => {
    if (!stopping) options.onExit(code);
  });
  const client = connectCoreClient({ post: (m) => child.postMessage(m), onMessage: (listener) => child.on('message', listener) });
  return {
    client,
    process: child,
    stop() {
      stopping = true;
      child.kill();
    },
  };
}
