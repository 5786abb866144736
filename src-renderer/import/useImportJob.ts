import { useCallback, useRef, useState } from 'react';
import { API_DOCUMENT_MAX_BYTES, importRefusal, type ImportOutcome } from '../../src-shared/api/index.js';
import { formatErrorMessage } from '../../src-shared/errors/index.js';
import { useApi, useFiles } from '../api/ApiContext.js';
import { toApiError } from '../api/api-error.js';
import { useCoreEvents } from '../hooks/useCoreEvents.js';
import { batchFiles } from './read-files.js';

export type ImportPhase = 'idle' | 'reading' | 'running' | 'done' | 'cancelled' | 'failed';

export interface ImportJobState {
  phase: ImportPhase;
  fileCount: number;
  done: number;
  /** Name of the file the core finished last. */
  label: string | null;
  outcomes: ImportOutcome[];
  error: unknown;
}

export interface ImportJob {
  state: ImportJobState;
  start(files: readonly File[]): void;
  cancel(): void;
  dismiss(): void;
}

function fileName(f: File): string {
  return f.name || 'document.pdf';
}

function failedOutcome(f: File, code: 'IMPORT_EMPTY_FILE' | 'IMPORT_TOO_LARGE' | 'INTERNAL'): ImportOutcome {
  const name = fileName(f);
  const details = code === 'IMPORT_TOO_LARGE' ? { name, limitMb: API_DOCUMENT_MAX_BYTES / 1048576 } : { name };
  return { ok: false, name, error: { code, message: formatErrorMessage(code, details, 'en'), details } };
}

const IDLE: ImportJobState = { phase: 'idle', fileCount: 0, done: 0, label: null, outcomes: [], error: null };

/**
 * Import PDFs through `library.import` with a job id, following the core's progress events for a
 * progress bar. Large selections go in several calls; cancelling stops the running call and the rest.
 * With `contractId` the files become documents of that contract instead of new contracts.
 */
export function useImportJob(contractId?: string): ImportJob {
  const api = useApi();
  const transport = useFiles();
  const [state, setState] = useState<ImportJobState>(IDLE);
  const job = useRef<{ id: string; base: number; cancelled: boolean } | null>(null);

  useCoreEvents((event) => {
    const current = job.current;
    if (event.type !== 'progress' || !current || event.jobId !== current.id) return;
    setState((s) => ({ ...s, phase: 'running', done: current.base + event.done, label: event.label ?? s.label }));
  });

  const start = useCallback(
    (files: readonly File[]) => {
      if (!files.length || job.current) return;
      const run = { id: '', base: 0, cancelled: false };
      job.current = run;
      setState({ ...IDLE, phase: 'reading', fileCount: files.length });
      void (async () => {
        const outcomes: ImportOutcome[] = [];
        try {
          for (const batch of batchFiles(files)) {
            if (run.cancelled) break;
            const toSend = batch.filter((f) => !importRefusal(f.size));
            // One file at a time: each streams from disk to the core, none is held whole in the page.
            const payload: Array<{ uploadId: string }> = [];
            for (const f of toSend) payload.push({ uploadId: await transport.upload(f, fileName(f)) });
            let received: ImportOutcome[] = [];
            if (payload.length) {
              run.id = crypto.randomUUID();
              setState((s) => ({ ...s, phase: 'running' }));
              received = (await api.library.import({ files: payload, ...(contractId ? { contractId } : {}) }, { jobId: run.id })).outcomes;
            }
            for (const f of batch) {
              const refused = importRefusal(f.size);
              outcomes.push(refused ? failedOutcome(f, refused) : (received.shift() ?? failedOutcome(f, 'INTERNAL')));
            }
            run.base += batch.length;
            setState((s) => ({ ...s, done: run.base, outcomes: [...outcomes] }));
          }
          setState((s) => ({ ...s, phase: run.cancelled ? 'cancelled' : 'done', outcomes: [...outcomes] }));
        } catch (err) {
          const e = toApiError(err);
          setState((s) => ({ ...s, phase: e.code === 'CANCELLED' ? 'cancelled' : 'failed', error: e, outcomes: [...outcomes] }));
        } finally {
          job.current = null;
        }
      })();
    },
    [api, transport, contractId],
  );

  const cancel = useCallback(() => {
    const current = job.current;
    if (!current) return;
    current.cancelled = true;
    if (current.id) void api.jobs.cancel({ jobId: current.id }).catch(() => undefined);
  }, [api]);

  const dismiss = useCallback(() => {
    if (!job.current) setState(IDLE);
  }, []);

  return { state, start, cancel, dismiss };
}
