export { ClauseLibrary, CLAUSE_LIST_MAX } from './clause-library.js';
