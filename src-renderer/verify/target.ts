/**
 * What the Verify screen checks: a file the person picked or dropped (checked, never imported), or a
 * version stored in the library. Kept by the shell, so leaving the screen (to trust a certificate in
 * Settings, say) and coming back verifies the same document again.
 */
export type VerifyTarget = { kind: 'file'; file: File } | { kind: 'version'; versionId: string; name: string };

export const targetName = (t: VerifyTarget) => (t.kind === 'file' ? t.file.name : t.name);
