/**
 * The version of the verification result's shape (src-shared/api/verification.ts), in a module of
 * its own: the verifier stamps it on every result without loading the zod schema, which costs a
 * `verify` or `sign` process more to load than its own work (docs/decisions/start-time.md).
 * Bump only with a breaking change; additions keep the version.
 */
export const VERIFICATION_SCHEMA = 'inkstone.verification/1';
