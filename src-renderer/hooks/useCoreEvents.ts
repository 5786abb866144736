import { useEffect, useRef } from 'react';
import type { CoreEvent } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';

/** Listen to core events (progress, library changes, due reminders) while the component is mounted. */
export function useCoreEvents(listener: (event: CoreEvent) => void): void {
  const api = useApi();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  }, [listener]);
  useEffect(() => api.events.subscribe((event) => latest.current(event)), [api]);
}
