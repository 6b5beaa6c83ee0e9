import { corrupt } from './errors.js';

// PDF's object model. Dictionaries are Maps keyed by name (without the slash);
// names, strings and references get classes so they cannot be mistaken for each other.

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(readonly bytes: Buffer) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** A bare word: a content-stream operator, or a structural keyword such as obj or stream. */
export class PdfKeyword {
  constructor(readonly word: string) {}
}

export type PdfDict = Map<string, PdfValue>;

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** The bytes between `stream` and `endstream`, still encoded. */
    readonly raw: Buffer,
    /** Where it came from, for error messages. */
    readonly where: string,
  ) {}
}

export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict | PdfStream;

export const isDict = (v: unknown): v is PdfDict => v instanceof Map;
export const isName = (v: unknown, name?: string): v is PdfName => v instanceof PdfName && (name === undefined || v.name === name);

/** A non-negative integer that fits exactly in a double, or an error naming `what`. */
export function integer(v: PdfValue | undefined, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw corrupt(`${what} is not a non-negative integer`);
  return v;
}
