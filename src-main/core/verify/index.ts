/**
 * The verify capability: validate any signed PDF — integrity, coverage, what changed after each
 * signature, known attacks, trust, time, PAdES level, ETSI indication and article 13 — into the
 * versioned result of src-shared/api/verification.ts, and a human report.
 *
 *   const result = await verifyPdf('contract.pdf', { trustStore, online: false, lang: 'zh-CN' });
 *   result.verdict;                       // 'valid' | 'invalid' | 'indeterminate'
 */
export { verifyPdf, type VerifyOptions, type PdfInput } from './verify-document.js';
export { trustStoreFromFolder, TRUSTED_CERTIFICATES_FOLDER } from './trust-anchors.js';
export { extractSignedVersion, type SignedVersion } from './signed-version.js';
export { describeResult } from './report-text.js';
export { checkBeforeSigning, type PreSignCheck } from './pre-sign-check.js';
export { renderVerificationReport } from './report-pdf.js';
