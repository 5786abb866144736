import type { Readable } from 'node:stream';
import { createFilesystemBlobStore } from './filesystem.js';
import { createS3BlobStore, parseS3Url } from './s3.js';

/**
 * Where document bytes live: a local folder (the default) or an S3-compatible bucket, so that
 * several service instances behind a load balancer see the same blobs. Keys are the service's own
 * (`documents/<tenant>/<sha256>`, `uploads/<id>/<offset>`), never user input.
 */
export interface BlobStore {
  readonly kind: 'filesystem' | 's3';
  /** Store bytes under a key; durable when the promise resolves. Overwriting is allowed (content-addressed keys). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Store a file's bytes under a key, streamed (the file stays where it is). */
  putFile(key: string, file: string, size: number): Promise<void>;
  /** The bytes, or null when there is no such blob. */
  get(key: string): Promise<Buffer | null>;
  /** The bytes as a stream (large documents never sit in memory), or null when there is no such blob. */
  open(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** `--blobs` values: a folder path, `file:///path`, or `s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=…`. */
export function openBlobStore(spec: string): BlobStore {
  if (spec.startsWith('s3://')) return createS3BlobStore(parseS3Url(spec));
  const dir = spec.startsWith('file://') ? new URL(spec).pathname : spec;
  return createFilesystemBlobStore(dir);
}

export { type S3Location } from './s3.js';
