import { utilityProcess, type UtilityProcess } from 'electron';
import { connectCoreClient, type CoreClient } from '../core/service/index.js';
import { CORE_PROCESS_FILE } from './paths.js';

export interface CoreConnection {
  client: CoreClient;
  process: UtilityProcess;
  stop(): void;
}

/**
 * Start the core in a utility process and connect to it with the core's port protocol. The system
 * language is handed over so the core's first-run settings speak it (the process has no UI to ask).
 */
export function startCoreProcess(options: { dataDir: string; settingsFile: string; systemLocale: string; onExit: (code: number) => void }): CoreConnection {
  const child = utilityProcess.fork(CORE_PROCESS_FILE, ['--data-dir', options.dataDir, '--settings-file', options.settingsFile], {
    serviceName: 'Inkstone Core',
    stdio: 'inherit',
    env: { ...process.env, LC_MESSAGES: options.systemLocale.replace('-', '_') },
  });
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
