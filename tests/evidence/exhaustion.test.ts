import { exhaustionSuite } from './support/exhaustion-suite.js';

exhaustionSuite('SQLite', { backend: 'sqlite' });
