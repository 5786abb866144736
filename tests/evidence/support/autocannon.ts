import { createRequire } from 'node:module';

/**
 * autocannon, typed for what the load test and the benchmarks use (the package ships no types, and
 * these few lines beat another dependency).
 */
export interface LoadRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (req: LoadRequest, context: Record<string, unknown>) => LoadRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}

export interface LoadOptions {
  url: string;
  connections?: number;
  amount?: number;
  duration?: number;
  overallRate?: number;
  timeout?: number;
  requests?: LoadRequest[];
}

export interface LoadResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  duration: number;
}

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (options: LoadOptions) => Promise<LoadResult>;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return autocannon(options);
}
