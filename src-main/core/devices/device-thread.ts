import { parentPort } from 'node:worker_threads';
import { ModuleScanner } from './module-scan.js';
import type { DeviceThreadReply, DeviceThreadRequest } from './device-scanner.js';

/**
 * The device thread: every PKCS#11 call of the signing devices screen and of hot-plug detection
 * runs here, so a token middleware that hangs (a USB key half pulled out) stalls this thread, not
 * the core's. The core's side (device-scanner.ts) gives each call a deadline and starts a fresh
 * thread when one is missed. One call at a time: the modules stay loaded between calls.
 */
if (!parentPort) throw new Error('device-thread must run as a worker thread');
const port = parentPort;
const scanner = new ModuleScanner();

port.on('message', (request: DeviceThreadRequest) => {
  const reply: DeviceThreadReply =
    request.kind === 'scan'
      ? { id: request.id, kind: 'scan', scan: scanner.scan(request.module) }
      : { id: request.id, kind: 'fingerprint', fingerprint: scanner.fingerprint(request.module, { reinitialize: request.reinitialize }) };
  port.postMessage(reply);
});
