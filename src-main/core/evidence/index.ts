/**
 * Evidence preservation (存证), the part both the desktop and the evidence service need: RFC 6962
 * Merkle hashing and RFC 9162 proofs, C2SP signed notes and checkpoints, evidence statements and
 * numbers, RFC 3161 token verification, and offline receipt verification. The service imports these
 * from here, so there is one implementation of every hash and check.
 */
export {
  leafHash,
  nodeHash,
  rangeNodes,
  rangeHash,
  inclusionRanges,
  consistencyRanges,
  nodesForRanges,
  inclusionProof,
  consistencyProof,
  verifyInclusion,
  inclusionWalk,
  verifyConsistency,
  MerkleFrontier,
  EMPTY_ROOT,
  HASH_SIZE,
  type Hash,
  type NodeId,
  type NodeReader,
  type CompletedNode,
  type InclusionStep,
} from './merkle.js';
export {
  generateNoteSigner,
  parseNoteSigner,
  parseNoteVerifier,
  signNote,
  parseNote,
  noteSignedBy,
  noteKeyHash,
  type NoteSigner,
  type NoteVerifier,
  type ParsedNote,
} from './note.js';
export { checkpointText, signCheckpoint, parseCheckpointText, openCheckpoint, type Checkpoint } from './checkpoint.js';
export {
  encodeStatement,
  decodeStatement,
  commitmentFor,
  scopeTag,
  documentHash,
  newSalt,
  isEvidenceEvent,
  isClaimedTime,
  isHex64,
  EVIDENCE_EVENTS,
  SIGNED_EVENTS,
  STATEMENT_HEADER,
  type EvidenceEvent,
  type EvidenceStatement,
} from './statement.js';
export { formatEvidenceNumber, parseEvidenceNumber, logIdFor, checkCharacter, type EvidenceNumber } from './evidence-number.js';
export { verifyTimestampToken, type TimestampFacts } from './timestamp.js';
export {
  parseReceipt,
  verifyReceipt,
  logKeyFingerprint,
  RECEIPT_FORMAT,
  RECEIPT_VERSION,
  type EvidenceReceipt,
  type ReceiptCheck,
  type ReceiptCheckResult,
  type ReceiptVerification,
  type VerifyReceiptOptions,
} from './receipt.js';
export { renderEvidenceCertificate, type CertificateOptions } from './evidence-certificate-pdf.js';
export { CheckpointWitness, type RememberedLog, type ConsistencySource } from './witness.js';
export { evidenceAck, type EvidenceAck, type AckedEntry, type AckedRequest } from './ack.js';
export {
  EvidenceClient,
  RESUMABLE_THRESHOLD,
  type SubmitOptions,
  type EvidenceClientOptions,
  type ServiceCaller,
  type LibraryChange,
  type PulledChange,
  type ServiceDocument,
} from './client.js';
