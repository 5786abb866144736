/** RFC 5280 §5.3.1 CRLReason, shared by CRL entries and OCSP revoked statuses. */
export type RevocationReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'cACompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation'
  | 'certificateHold'
  | 'removeFromCRL'
  | 'privilegeWithdrawn'
  | 'aACompromise';

const BY_CODE: readonly (RevocationReason | undefined)[] = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  undefined, // 7 is not used
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];

/** The reason for a CRLReason code; undefined for codes RFC 5280 does not define. */
export function revocationReasonOf(code: number): RevocationReason | undefined {
  return BY_CODE[code];
}

/** The CRLReason code of a reason. */
export function revocationReasonCode(reason: RevocationReason): number {
  return BY_CODE.indexOf(reason);
}

/** A certificate's revocation status as a CRL or an OCSP response states it. */
export interface RevocationFacts {
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revocationTime?: Date;
  readonly revocationReason?: RevocationReason;
}
