import {
  PDFArray,
  PDFBool,
  PDFDict as LibDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { PdfDict, PdfStream, PdfString, name, type IncrementalUpdate, type PdfObject, type PdfRef } from '../pdf/index.js';

/**
 * Copy objects that pdf-lib generated (embedded fonts, images, appearance streams) from a scratch
 * pdf-lib document into an incremental update. pdf-lib draws and embeds well, but it cannot save a
 * document incrementally, so its objects travel into Inkstone's own writer and pdf-lib never
 * writes the signed file. Returns the update's references for `roots`, in order.
 */
export function transferObjects(context: PDFContext, roots: readonly PDFRef[], update: IncrementalUpdate): PdfRef[] {
  const refs = new Map<string, PdfRef>();
  const queue: PDFRef[] = [];
  const refFor = (ref: PDFRef): PdfRef => {
    let ours = refs.get(ref.tag);
    if (!ours) {
      ours = update.allocate();
      refs.set(ref.tag, ours);
      queue.push(ref);
    }
    return ours;
  };
  const convert = (obj: PDFObject): PdfObject => {
    if (obj instanceof PDFRef) return refFor(obj);
    if (obj instanceof PDFName) return name(Buffer.from(obj.asBytes()).toString('latin1'));
    if (obj instanceof PDFNumber) return obj.asNumber();
    if (obj instanceof PDFBool) return obj.asBoolean();
    if (obj === PDFNull) return null;
    if (obj instanceof PDFHexString) return new PdfString(obj.asBytes(), true);
    if (obj instanceof PDFString) return new PdfString(obj.asBytes());
    if (obj instanceof PDFArray) return obj.asArray().map(convert);
    if (obj instanceof LibDict) return convertDict(obj);
    if (obj instanceof PDFStream) {
      const dict = convertDict(obj.dict);
      dict.delete('Length'); // written from the bytes
      return PdfStream.fromBytes(dict, obj.getContents());
    }
    throw new InkstoneError('INTERNAL', { reason: `pdf-lib produced an object Inkstone cannot copy (${obj.constructor.name})` });
  };
  const convertDict = (dict: LibDict): PdfDict => {
    const out = new PdfDict();
    for (const [key, value] of dict.entries()) out.set(Buffer.from(key.asBytes()).toString('latin1'), convert(value));
    return out;
  };

  const result = roots.map(refFor);
  while (queue.length) {
    const ref = queue.shift()!;
    const obj = context.lookup(ref);
    if (obj === undefined) throw new InkstoneError('INTERNAL', { reason: `pdf-lib object ${ref.tag} is missing` });
    update.set(refs.get(ref.tag)!, convert(obj));
  }
  return result;
}
