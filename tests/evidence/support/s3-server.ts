import { spawn } from 'node:child_process';
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { freePort } from '../../support/postgres.js';

/**
 * An S3-compatible server on loopback for the blob-store tests: moto's `moto_server` (from the
 * Python package moto[server], present on the project's machine image). Credentials are dummies.
 */
export interface TestS3 {
  readonly endpoint: string;
  /** A `--blobs` spec for a fresh bucket. */
  readonly blobSpec: string;
  stop(): Promise<void>;
}

export async function startS3(): Promise<TestS3> {
  process.env.AWS_ACCESS_KEY_ID ??= 'inkstone-test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'inkstone-test-secret';
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode} (is moto[server] installed?)`);
    try {
      if ((await fetch(`${endpoint}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('moto_server did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const bucket = `inkstone-test-${Date.now().toString(36)}`;
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return {
    endpoint,
    blobSpec: `s3://${bucket}/blobs?endpoint=${encodeURIComponent(endpoint)}`,
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
