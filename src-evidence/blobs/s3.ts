import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { S3Client, PutObjectCommand, GetObjectCommand, DeleteObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { BlobStore } from './index.js';

export interface S3Location {
  readonly bucket: string;
  readonly prefix: string;
  readonly endpoint?: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
}

/**
 * `s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1&path-style=true`. Credentials
 * never go in the URL (it appears in logs and process lists): they come from the AWS SDK's usual
 * chain — AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, or an instance role.
 */
export function parseS3Url(spec: string): S3Location {
  const url = new URL(spec);
  if (url.protocol !== 's3:' || !url.hostname)
    throw new InkstoneError('EVIDENCE_CONFIG_INVALID', { reason: `blob store URL “${spec}” needs a bucket: s3://bucket/prefix` });
  if (url.username || url.password) throw new InkstoneError('EVIDENCE_CONFIG_INVALID', { reason: 'put S3 credentials in the environment, not in the URL' });
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  return {
    bucket: url.hostname,
    prefix: url.pathname.replace(/^\/+|\/+$/gu, ''),
    endpoint,
    region: url.searchParams.get('region') ?? process.env.AWS_REGION ?? 'us-east-1',
    // S3-compatible servers on an explicit endpoint usually want path-style addressing.
    forcePathStyle: (url.searchParams.get('path-style') ?? (endpoint ? 'true' : 'false')) === 'true',
  };
}

export function createS3BlobStore(loc: S3Location): BlobStore {
  const client = new S3Client({
    region: loc.region,
    endpoint: loc.endpoint,
    forcePathStyle: loc.forcePathStyle,
    // Checksums only where the API demands them: several S3-compatible stores reject the SDK's
    // default aws-chunked trailing checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const keyFor = (key: string) => (loc.prefix ? `${loc.prefix}/${key}` : key);
  const open = async (key: string): Promise<Readable | null> => {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: loc.bucket, Key: keyFor(key) }));
      return (out.Body as Readable | undefined) ?? null;
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return null;
      throw err;
    }
  };
  return {
    kind: 's3',
    async put(key, bytes) {
      await client.send(new PutObjectCommand({ Bucket: loc.bucket, Key: keyFor(key), Body: bytes, ContentLength: bytes.length }));
    },
    async putFile(key, file, size) {
      await client.send(new PutObjectCommand({ Bucket: loc.bucket, Key: keyFor(key), Body: createReadStream(file), ContentLength: size }));
    },
    open,
    async get(key) {
      const body = await open(key);
      return body ? Buffer.concat(await body.toArray()) : null;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: loc.bucket, Key: keyFor(key) }));
    },
    async close() {
      client.destroy();
    },
  };
}
