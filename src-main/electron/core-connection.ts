import { utilityProcess, type UtilityProcess } from 'electron';
import { connectCoreClient, serveSecretsOverPort, type CoreClient } from '../core/service/index.js';
import { keychainAvailable, keychainSecretStore } from './keychain.js';
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
  // The service token in the OS keychain when it truly protects it; otherwise the core keeps the 0600 file.
  const keychain = keychainAvailable();
  const args = ['--data-dir', options.dataDir, '--settings-file', options.settingsFile, '--system-languages', options.systemLanguages.join(',')];
  if (keychain) args.push('--token-store', 'keychain');
  const child = utilityProcess.fork(CORE_PROCESS_FILE, args, { serviceName: 'Inkstone Core', stdio: 'inherit' });
  let stopping = false;
  child.on('exit', (code) => {
    if (!stopping) options.onExit(code);
  });
  const port = { post: (m: unknown) => child.postMessage(m), onMessage: (listener: (m: unknown) => void) => void child.on('message', listener) };
  const client = connectCoreClient(port);
  if (keychain) serveSecretsOverPort(port, keychainSecretStore(options.dataDir));
  return {
    client,
    process: child,
    stop() {
      stopping = true;
      child.kill();
    },
  };
}
