import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { encodeDer, toHex } from './der.js';

/**
 * Distinguished names as people read them. Certificates store the RDNs country-first
 * (C, O, CN); people and RFC 4514 read them most-specific-first (CN, O, C), which is how
 * `describeName` renders them. Values are decoded by their ASN.1 string type, so UTF8String,
 * BMPString and PrintableString names (Chinese names in any of them) all come out as text.
 */

/** One attribute of a name: its short label where one exists ("CN"), else its OID. */
export interface NameAttribute {
  readonly type: string;
  readonly oid: string;
  readonly value: string;
}

/** A decoded distinguished name. */
export interface NameInfo {
  /** RFC 4514 form for people: "CN=张三, O=北京某某律师事务所, C=CN". */
  readonly text: string;
  /** Attributes in certificate (encoding) order. */
  readonly attributes: readonly NameAttribute[];
  /** The first common name, the usual way to address the holder. */
  readonly commonName?: string;
  /** The DER of the Name, for exact comparisons. */
  readonly der: Uint8Array;
}

const LABELS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.13': 'description',
  '2.5.4.15': 'businessCategory',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
};

/** The text of an attribute value, whatever string type carries it; undecodable values as #hex. */
function attributeValue(value: unknown): string {
  if (value instanceof asn1js.BmpString || value instanceof asn1js.UniversalString || value instanceof asn1js.Utf8String) return value.valueBlock.value;
  if (value && typeof value === 'object' && 'valueBlock' in value) {
    const block = (value as { valueBlock: { value?: unknown } }).valueBlock;
    if (typeof block.value === 'string') return block.value;
  }
  if (value && typeof value === 'object' && 'toBER' in value) return `#${toHex((value as asn1js.AsnType).toBER(false))}`;
  return '';
}

/** RFC 4514 escaping, so a comma inside an organisation's name cannot be read as a separator. */
function escapeValue(value: string): string {
  return value
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/** Decode a pkijs name. */
export function decodeName(name: pkijs.RelativeDistinguishedNames): NameInfo {
  const attributes = name.typesAndValues.map((tv) => ({ type: LABELS[tv.type] ?? tv.type, oid: tv.type, value: attributeValue(tv.value) }));
  return {
    text: describeAttributes(attributes),
    attributes,
    commonName: attributes.find((a) => a.oid === '2.5.4.3')?.value,
    der: name.valueBeforeDecode?.byteLength ? new Uint8Array(name.valueBeforeDecode.slice(0)) : encodeDer(name.toSchema()),
  };
}

function describeAttributes(attributes: readonly NameAttribute[]): string {
  return [...attributes]
    .reverse()
    .map((a) => `${a.type}=${escapeValue(a.value)}`)
    .join(', ');
}

/**
 * A distinguished name rendered for people, most specific first, in UTF-8:
 * "CN=张三, O=北京某某律师事务所, C=CN". Accepts a decoded name or a pkijs name.
 */
export function describeName(name: NameInfo | pkijs.RelativeDistinguishedNames): string {
  return 'text' in name ? name.text : decodeName(name).text;
}

/**
 * Whether two names are the same name. Exact DER equality first; otherwise the RFC 5280 §7.1
 * comparison simplified to what matters in practice: same attributes in the same order, values equal
 * after case folding and whitespace folding (CAs re-encode PrintableString as UTF8String).
 */
export function sameName(a: NameInfo, b: NameInfo): boolean {
  if (Buffer.from(a.der).equals(Buffer.from(b.der))) return true;
  if (a.attributes.length !== b.attributes.length) return false;
  const fold = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return a.attributes.every((x, i) => x.oid === b.attributes[i].oid && fold(x.value) === fold(b.attributes[i].value));
}
