import { corrupt } from './errors.js';
import { decodeStream, type InflateBudget } from './filters.js';
import { parseIndirectObject } from './indirect.js';
import { Lexer, MAX_DEPTH } from './lexer.js';
import { PdfRef, PdfStream, integer, isDict, isName, type PdfDict, type PdfValue } from './objects.js';
import type { Xref } from './xref.js';

/** A leaf of the page tree, with the attributes it inherits already filled in. */
export interface PdfPage {
  dict: PdfDict;
  resources: PdfDict;
}

interface ObjectStream {
  data: Buffer;
  /** Object number and offset (from /First) of each object inside. */
  objects: { num: number; offset: number }[];
}

// Attributes a page takes from its ancestors when it has none of its own (§7.7.3.4).
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

/** Objects by number, through the xref, loaded once and guarded against reference cycles. */
export class PdfFile {
  private readonly cache = new Map<number, PdfValue>();
  private readonly loading = new Set<number>();
  private readonly objectStreams = new Map<number, ObjectStream>();

  constructor(
    readonly src: Buffer,
    readonly xref: Xref,
    readonly budget: InflateBudget,
  ) {}

  /** Object `num`; a free or missing object reads as null (§7.3.10). */
  object(num: number): PdfValue {
    const cached = this.cache.get(num);
    if (cached !== undefined) return cached;
    if (this.loading.has(num)) throw corrupt(`reference cycle through object ${num}`);
    if (this.loading.size > MAX_DEPTH) throw corrupt(`object ${num}: objects nested deeper than ${MAX_DEPTH} while loading`);
    this.loading.add(num);
    try {
      const value = this.load(num);
      this.cache.set(num, value);
      return value;
    } finally {
      this.loading.delete(num);
    }
  }

  private load(num: number): PdfValue {
    const entry = this.xref.entries.get(num);
    if (entry === undefined || entry.type === 'free') return null;
    if (entry.type === 'offset') {
      const object = parseIndirectObject(this.src, entry.offset, (length, owner) => integer(this.resolve(length), `object ${owner}: stream /Length`));
      if (object.num !== num || object.gen !== entry.gen) throw corrupt(`the xref entry for object ${num} points at byte ${entry.offset}, which holds object ${object.num} ${object.gen}`);
      return object.value;
    }
    const stream = this.objectStream(entry.stream);
    const slot = stream.objects[entry.index];
    if (slot?.num !== num) throw corrupt(`object stream ${entry.stream} does not hold object ${num} at index ${entry.index}`);
    const value = new Lexer(stream.data, slot.offset, `object ${num} in object stream ${entry.stream}`).value();
    if (value instanceof PdfStream) throw corrupt(`object ${num}: a stream inside object stream ${entry.stream}`);
    return value;
  }

  private objectStream(num: number): ObjectStream {
    const known = this.objectStreams.get(num);
    if (known !== undefined) return known;
    const stream = this.object(num);
    if (!(stream instanceof PdfStream) || !isName(stream.dict.get('Type'), 'ObjStm')) throw corrupt(`object ${num} is referenced as an object stream but is not one`);
    const count = integer(this.resolve(stream.dict.get('N')), `object stream ${num}: /N`);
    const first = integer(this.resolve(stream.dict.get('First')), `object stream ${num}: /First`);
    const data = this.decode(stream);
    if (first > data.length || count > first / 4) throw corrupt(`object stream ${num}: /N ${count} and /First ${first} do not fit its ${data.length} bytes`);
    const header = new Lexer(data.subarray(0, first), 0, `object stream ${num}`, { references: false });
    const objects: ObjectStream['objects'] = [];
    for (let i = 0; i < count; i++) {
      const objNum = integer(header.value(), `object stream ${num}: object number ${i}`);
      const offset = integer(header.value(), `object stream ${num}: offset ${i}`);
      if (first + offset >= data.length) throw corrupt(`object stream ${num}: object ${objNum} lies outside the stream`);
      objects.push({ num: objNum, offset: first + offset });
    }
    const parsed = { data, objects };
    this.objectStreams.set(num, parsed);
    return parsed;
  }

  /** Follows references until a direct value. */
  resolve(v: PdfValue | undefined): PdfValue {
    let value = v ?? null;
    const seen = new Set<number>();
    while (value instanceof PdfRef) {
      if (seen.has(value.num)) throw corrupt(`reference cycle through object ${value.num}`);
      seen.add(value.num);
      value = this.object(value.num);
    }
    return value;
  }

  dict(v: PdfValue | undefined, what: string): PdfDict {
    const value = this.resolve(v);
    if (!isDict(value)) throw corrupt(`${what} is not a dictionary`);
    return value;
  }

  optionalDict(v: PdfValue | undefined, what: string): PdfDict | null {
    return this.resolve(v) === null ? null : this.dict(v, what);
  }

  stream(v: PdfValue | undefined, what: string): PdfStream {
    const value = this.resolve(v);
    if (!(value instanceof PdfStream)) throw corrupt(`${what} is not a stream`);
    return value;
  }

  array(v: PdfValue | undefined, what: string): PdfValue[] {
    const value = this.resolve(v);
    if (!Array.isArray(value)) throw corrupt(`${what} is not an array`);
    return value;
  }

  decode(stream: PdfStream): Buffer {
    return decodeStream(stream, (v) => this.resolve(v), this.budget);
  }

  catalog(): PdfDict {
    const catalog = this.dict(this.xref.trailer.get('Root'), 'the trailer /Root (the catalog)');
    if (!isName(catalog.get('Type'), 'Catalog')) throw corrupt('the catalog has no /Type /Catalog');
    return catalog;
  }

  /** The leaves of the page tree, in order. */
  pages(): PdfPage[] {
    const pages: PdfPage[] = [];
    const visited = new Set<PdfDict>();
    const walk = (node: PdfDict, inherited: Map<string, PdfValue>, depth: number, where: string): void => {
      if (visited.has(node)) throw corrupt(`${where}: the page tree visits the same node twice`);
      if (depth > MAX_DEPTH) throw corrupt(`${where}: the page tree is nested deeper than ${MAX_DEPTH}`);
      visited.add(node);
      const own = new Map(inherited);
      for (const key of INHERITED) if (node.has(key)) own.set(key, node.get(key) ?? null);
      if (isName(node.get('Type'), 'Page')) {
        pages.push({ dict: node, resources: this.optionalDict(own.get('Resources'), `${where}: /Resources`) ?? new Map() });
        return;
      }
      if (!isName(node.get('Type'), 'Pages')) throw corrupt(`${where}: a page tree node that is neither /Page nor /Pages`);
      this.array(node.get('Kids'), `${where}: /Kids`).forEach((kid, i) => {
        const label = kid instanceof PdfRef ? `page tree node (object ${kid.num})` : `${where} kid ${i}`;
        walk(this.dict(kid, label), own, depth + 1, label);
      });
    };
    const root = this.catalog().get('Pages');
    walk(this.dict(root, 'the catalog /Pages'), new Map(), 0, root instanceof PdfRef ? `page tree root (object ${root.num})` : 'page tree root');
    return pages;
  }
}
