import { crashSuite } from './support/crash-suite.js';

crashSuite('SQLite', { backend: 'sqlite' });
