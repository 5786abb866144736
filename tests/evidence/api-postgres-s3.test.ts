import { evidenceApiSuite } from './support/api-suite.js';

evidenceApiSuite('PostgreSQL + S3-compatible blobs (moto)', { backend: 'postgres', blobStore: 's3' });
