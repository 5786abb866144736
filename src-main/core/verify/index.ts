/**
 * The verify capability: validate any signed PDF — integrity, coverage, what changed after each
 * signature, known attacks, trust, time, PAdES level, ETSI indication and article 13 — into the
 * versioned result of src-shared/api/verification.ts (schema `inkstone.verification/1`, documented
 * in docs/verification-report-schema.md), and a report a lawyer can read.
 *
 *   const result = await verifyPdf('contract.pdf', { trustStore, online: false, lang: 'zh-CN' });
 *   result.verdict;                                   // 'valid' | 'invalid' | 'indeterminate'
 *   await writeFileAtomic('report.pdf', await renderVerificationReport(result));
 *   await extractSignedVersion('contract.pdf', 1, 'as-signed.pdf');   // what signature 1 covers
 *   const check = await checkBeforeSigning('draft.pdf');              // before co-signing
 */
export { verifyPdf, type VerifyOptions, type PdfInput } from './verify-document.js';
export { describeResult } from './report-text.js';
export { extractSignedVersion, readSignedVersion, type SignedVersion } from './signed-version.js';
export { checkBeforeSigning, type PreSignCheck } from './pre-sign-check.js';
export {
  previewTrustedCertificates,
  trustStoreFromFolder,
  listTrustedCertificates,
  importTrustedCertificates,
  removeTrustedCertificate,
  TRUSTED_CERTIFICATES_FOLDER,
  TRUST_IMPORT_LIMITS,
} from './trust-anchors.js';
export { readCms } from './cms-reading.js';

/**
 * The PDF report. pdf-lib and fontkit (which decompresses its tables as it loads) cost more to load
 * than verifying a small document, so they are loaded only when a report is asked for.
 */
export async function renderVerificationReport(...args: Parameters<typeof import('./report-pdf.js').renderVerificationReport>): Promise<Uint8Array> {
  return (await import('./report-pdf.js')).renderVerificationReport(...args);
}

/** Inkstone's report layout for other reports (the batch signing summary); loaded on first use like the verification report. */
export type { ReportBlock } from './report-pdf.js';
export async function renderReportPdf(...args: Parameters<typeof import('./report-pdf.js').renderReportPdf>): Promise<Uint8Array> {
  return (await import('./report-pdf.js')).renderReportPdf(...args);
}
