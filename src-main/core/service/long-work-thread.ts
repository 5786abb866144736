import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../../src-shared/errors/index.js';
import { RevocationReuse } from '../pki/index.js';
import { readSignedVersion, renderVerificationReport, trustStoreFromFolder, verifyPdf } from '../verify/index.js';
import type { LongTask, LongTaskReply, LongTaskRequest } from './long-work.js';
import { checkDocument, prepareSigning, signVersion } from './signing-work.js';
import { signDocumentBatch } from './signing-batch-work.js';

/**
 * A worker thread of the core that runs one long task at a time (long-work.ts decides which thread
 * gets which task, and cancels a task by ending its thread). Nothing here touches the database:
 * the core's thread looks up stored versions and writes results, so SQLite stays on one thread.
 */
if (!parentPort) throw new Error('long-work-thread must run as a worker thread');
const port = parentPort;

async function run(task: LongTask, progress: (step: unknown) => void): Promise<unknown> {
  switch (task.kind) {
    case 'verify':
    case 'report': {
      const result = await verifyPdf(task.source, {
        name: task.name,
        lang: task.lang,
        online: task.online,
        trustStore: await trustStoreFromFolder(task.trustFolder),
      });
      return task.kind === 'verify' ? result : { result, report: await renderVerificationReport(result) };
    }
    case 'batchVerify': {
      const reuse = new RevocationReuse(task.revocation);
      const verification = await verifyPdf(task.source, {
        name: task.name,
        lang: task.lang,
        online: task.online,
        trustStore: await trustStoreFromFolder(task.trustFolder),
        revocationReuse: reuse,
      });
      return { verification, revocation: reuse.answers };
    }
    case 'signedVersion':
      return readSignedVersion(task.source, task.index);
    case 'signingPrepare':
      return prepareSigning(task);
    case 'signing':
      return signVersion(task, progress);
    case 'presignCheck':
      return checkDocument(task);
    case 'signingBatch':
      return signDocumentBatch(task, progress);
  }
}

port.on('message', (message: LongTaskRequest) => {
  const progress = (step: unknown) => port.postMessage({ id: message.id, progress: step } satisfies LongTaskReply);
  void run(message.task, progress).then(
    (value) => port.postMessage({ id: message.id, ok: true, value } satisfies LongTaskReply),
    (err: unknown) => port.postMessage({ id: message.id, ok: false, error: serializeError(err) } satisfies LongTaskReply),
  );
});
