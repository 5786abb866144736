// The check lives in src-shared so the core (reading parties from contract text) and forms agree.
export { looksLikeUscc, usccCheckCharacter, isValidUscc } from '../../src-shared/registration.js';
