import * as asn1js from 'asn1js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { decodeAsn1, derChildren, derSpan, toHex, type DerSpan } from './der.js';
import { OID } from './oids.js';

/**
 * The certificate extensions that name other places — Authority Information Access, CRL
 * distribution points, the authority key identifier — and certificate policies, read from their
 * DER. pkijs reads them through its GeneralName schema, which it builds anew for every name
 * (X.400 addresses included): the costliest part of reading a certificate in a fresh process, which
 * every signing and verifying command is. Only URIs, key identifiers and policy OIDs are needed.
 */

/** GeneralName uniformResourceIdentifier: [6] IMPLICIT IA5String. */
const URI = 0x86;

function unreadable(oid: string): never {
  throw new InkstoneError('PKI_CERT_MALFORMED', { reason: `extension ${oid} cannot be read` });
}

/** The elements of the constructed element `span`, or the extension is unreadable. */
function elements(der: Uint8Array, span: DerSpan | undefined, oid: string): DerSpan[] {
  const inner = span && span.tag & 0x20 ? derChildren(der, span) : undefined;
  return inner ?? unreadable(oid);
}

/** The single element filling an extension's value. */
function top(der: Uint8Array, oid: string): DerSpan {
  const span = derSpan(der, 0);
  return span && span.end === der.length ? span : unreadable(oid);
}

function objectIdentifier(der: Uint8Array, span: DerSpan, oid: string): string {
  const decoded = span.tag === 0x06 ? decodeAsn1(der.subarray(span.start, span.end)) : undefined;
  return decoded?.ok && decoded.value instanceof asn1js.ObjectIdentifier ? decoded.value.valueBlock.toString() : unreadable(oid);
}

const text = (der: Uint8Array, span: DerSpan) => Buffer.from(der.subarray(span.valueStart, span.end)).toString('latin1');

/** AuthorityInfoAccessSyntax ::= SEQUENCE OF AccessDescription { accessMethod OID, accessLocation GeneralName }: URIs by method. */
export function readAccessUrls(der: Uint8Array): { ocsp: string[]; caIssuers: string[] } {
  const oid = OID.authorityInfoAccess;
  const out = { ocsp: [] as string[], caIssuers: [] as string[] };
  for (const description of elements(der, top(der, oid), oid)) {
    const [method, location] = elements(der, description, oid);
    if (!method || !location) unreadable(oid);
    const which = objectIdentifier(der, method, oid);
    if (location.tag !== URI) continue;
    if (which === OID.accessOcsp) out.ocsp.push(text(der, location));
    if (which === OID.accessCaIssuers) out.caIssuers.push(text(der, location));
  }
  return out;
}

/** CRLDistributionPoints: the URIs of each point's fullName ([0] { [0] GeneralNames }). */
export function readCrlUrls(der: Uint8Array): string[] {
  const oid = OID.crlDistributionPoints;
  const urls: string[] = [];
  for (const point of elements(der, top(der, oid), oid)) {
    const name = elements(der, point, oid).find((f) => f.tag === 0xa0);
    const fullName = name ? elements(der, name, oid).find((f) => f.tag === 0xa0) : undefined;
    for (const general of fullName ? elements(der, fullName, oid) : []) if (general.tag === URI) urls.push(text(der, general));
  }
  return urls;
}

/** AuthorityKeyIdentifier's keyIdentifier ([0] IMPLICIT OCTET STRING), hex. */
export function readAuthorityKeyId(der: Uint8Array): string | undefined {
  const oid = OID.authorityKeyIdentifier;
  const id = elements(der, top(der, oid), oid).find((f) => f.tag === 0x80);
  return id ? toHex(der.subarray(id.valueStart, id.end)) : undefined;
}

/** certificatePolicies: each PolicyInformation's policyIdentifier. */
export function readPolicies(der: Uint8Array): string[] {
  const oid = OID.certificatePolicies;
  return elements(der, top(der, oid), oid).map((info) => {
    const [identifier] = elements(der, info, oid);
    return identifier ? objectIdentifier(der, identifier, oid) : unreadable(oid);
  });
}
