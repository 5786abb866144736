import { crashSuite } from './support/crash-suite.js';

crashSuite('PostgreSQL', { backend: 'postgres' });
