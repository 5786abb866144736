import { evidenceApiSuite } from './support/api-suite.js';

evidenceApiSuite('SQLite + filesystem blobs', { backend: 'sqlite', blobStore: 'filesystem' });
