import type { CoreEvent } from '../../src-shared/api/index.js';

/** Must match the browser host: the token travels as the WebSocket subprotocol `inkstone.<token>`. */
const PROTOCOL_PREFIX = 'inkstone.';
const MAX_BACKOFF_MS = 10_000;

/**
 * The browser host's event feed (progress, library changes) on one WebSocket at /events, opened on
 * the first subscription and reopened with backoff if the connection drops.
 */
export class EventSocket {
  private readonly listeners = new Set<(event: CoreEvent) => void>();
  private socket: WebSocket | null = null;
  private backoffMs = 250;
  private retryTimer: number | undefined;

  constructor(private readonly token: string) {}

  subscribe(listener: (event: CoreEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.socket) this.open();
    return () => {
      this.listeners.delete(listener);
    };
  }

  private open(): void {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${window.location.host}/events`, [PROTOCOL_PREFIX + this.token]);
    this.socket = ws;
    ws.addEventListener('open', () => {
      this.backoffMs = 250;
    });
    ws.addEventListener('message', (message) => {
      if (typeof message.data !== 'string') return;
      let event: CoreEvent;
      try {
        event = JSON.parse(message.data) as CoreEvent;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(event);
    });
    ws.addEventListener('close', () => {
      this.socket = null;
      window.clearTimeout(this.retryTimer);
      this.retryTimer = window.setTimeout(() => this.open(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    });
  }
}
