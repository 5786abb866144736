import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../../src-shared/errors/index.js';
import { readPdfFacts, warmUpPdfReading } from './pdf-inspect.js';
import { preflightPdf } from './pdf-preflight.js';
import type { InspectReply, InspectRequest } from './pdf-inspector.js';

// The inspector's worker thread: reads one file at a time, first with Inkstone's bounded reader,
// then with pdf.js. The thread that started it watches time and memory and may terminate it.
const port = parentPort;
if (!port) throw new Error('pdf-inspect-worker runs only as a worker thread');

void warmUpPdfReading().then(() => port.postMessage({ ready: true } satisfies InspectReply));

port.on('message', (request: InspectRequest) => {
  void (async (): Promise<InspectReply> => {
    try {
      preflightPdf(request.name, request.bytes);
      return { id: request.id, facts: await readPdfFacts(request.name, request.bytes) };
    } catch (err) {
      const { code, details } = serializeError(err);
      return { id: request.id, error: { code, details } };
    }
  })().then((reply) => port.postMessage(reply));
});
