import { exhaustionSuite } from './support/exhaustion-suite.js';

exhaustionSuite('PostgreSQL', { backend: 'postgres' });
