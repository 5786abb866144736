import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../../src-shared/errors/index.js';
import { importIssuedCertificate, requestCertificateOnToken } from './enrolment.js';
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
  switch (request.kind) {
    case 'scan':
      return port.postMessage({ id: request.id, kind: 'scan', scan: scanner.scan(request.module) } satisfies DeviceThreadReply);
    case 'fingerprint': {
      const fingerprint = scanner.fingerprint(request.module, { reinitialize: request.reinitialize });
      return port.postMessage({ id: request.id, kind: 'fingerprint', fingerprint } satisfies DeviceThreadReply);
    }
    case 'requestCertificate':
    case 'importCertificate': {
      const work = request.kind === 'requestCertificate' ? requestCertificateOnToken(request.args) : importIssuedCertificate(request.args);
      return void work.then(
        (value) => port.postMessage({ id: request.id, kind: 'enrolled', value } satisfies DeviceThreadReply),
        (err: unknown) => port.postMessage({ id: request.id, kind: 'failed', error: serializeError(err) } satisfies DeviceThreadReply),
      );
    }
    case 'close':
      // Finalise the modules, so a later device thread in this process initialises them afresh.
      scanner.close();
      return port.postMessage({ id: request.id, kind: 'closed' } satisfies DeviceThreadReply);
  }
});
