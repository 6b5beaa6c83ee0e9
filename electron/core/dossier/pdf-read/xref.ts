import { corrupt } from './errors.js';
import { decodeStream, type InflateBudget } from './filters.js';
import { parseIndirectObject } from './indirect.js';
import { Lexer } from './lexer.js';
import { PdfStream, integer, isDict, isName, type PdfDict } from './objects.js';

// The cross-reference chain (§7.5.4–7.5.8): startxref → the newest section,
// then /Prev back to the first. An incremental update appends a section whose
// entries override the older ones, so the newest entry for an object wins.

export type XrefEntry = { type: 'free' } | { type: 'offset'; offset: number; gen: number } | { type: 'compressed'; stream: number; index: number };

export interface Xref {
  entries: Map<number, XrefEntry>;
  /** The newest trailer, with keys only older trailers have filled in. */
  trailer: PdfDict;
  /** Sections in the /Prev chain; more than one means incremental updates (or a linearized file). */
  sections: number;
  /** Each section on its own, newest first: where it starts, the objects it defines and its trailer. */
  revisions: { offset: number; entries: Map<number, XrefEntry>; trailer: PdfDict }[];
}

const MAX_SECTIONS = 1000;
const MAX_OBJECTS = 10_000_000;

export function readXref(src: Buffer, budget: InflateBudget): Xref {
  const entries = new Map<number, XrefEntry>();
  const trailers: PdfDict[] = [];
  const revisions: Xref['revisions'] = [];
  const seen = new Set<number>();
  for (let offset: number | null = findStartxref(src); offset !== null; ) {
    if (seen.has(offset)) throw corrupt(`the /Prev chain loops back to the xref section at byte ${offset}`);
    if (seen.size >= MAX_SECTIONS) throw corrupt(`more than ${MAX_SECTIONS} xref sections`);
    seen.add(offset);
    const section = readSection(src, offset, budget);
    // Sections come newest first: an entry already set belongs to a later update.
    for (const [num, entry] of section.entries) if (!entries.has(num)) entries.set(num, entry);
    trailers.push(section.trailer);
    revisions.push({ offset, entries: section.entries, trailer: section.trailer });
    const prev = section.trailer.get('Prev');
    offset = prev === undefined ? null : integer(prev, `/Prev of the xref section at byte ${offset}`);
  }
  const trailer: PdfDict = new Map();
  for (const t of trailers) for (const [k, v] of t) if (!trailer.has(k)) trailer.set(k, v);
  return { entries, trailer, sections: trailers.length, revisions };
}

/** The offset the last startxref of the file points at: its newest xref section. */
export function findStartxref(src: Buffer): number {
  const tail = Math.max(0, src.length - 2048);
  const at = src.lastIndexOf('startxref', src.length, 'latin1');
  if (at < tail) throw corrupt('no startxref near the end of the file (truncated?)');
  const lexer = new Lexer(src, at + 'startxref'.length, 'startxref');
  const offset = integer(lexer.value(), `the startxref offset at byte ${at}`);
  if (offset >= src.length) throw corrupt(`startxref points at byte ${offset}, past the end of the file`);
  return offset;
}

interface Section {
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
}

function readSection(src: Buffer, offset: number, budget: InflateBudget): Section {
  const lexer = new Lexer(src, offset, `xref section at byte ${offset}`);
  if (!lexer.keyword('xref')) return readXrefStream(src, offset, budget);
  const entries = readTable(lexer);
  const trailer = lexer.value();
  if (!isDict(trailer)) throw corrupt(`the trailer after the xref table at byte ${offset} is not a dictionary`);
  // A hybrid file also lists objects in a cross-reference stream; the table's in-use entries come first.
  const hybrid = trailer.get('XRefStm');
  if (hybrid !== undefined) {
    const stream = readXrefStream(src, integer(hybrid, `/XRefStm of the trailer at byte ${offset}`), budget);
    for (const [num, entry] of stream.entries) if (entries.get(num)?.type !== 'offset') entries.set(num, entry);
  }
  return { entries, trailer };
}

function readTable(lexer: Lexer): Map<number, XrefEntry> {
  const entries = new Map<number, XrefEntry>();
  while (!lexer.keyword('trailer')) {
    const first = integer(lexer.value(), `an xref subsection start (byte ${lexer.pos})`);
    const count = integer(lexer.value(), `an xref subsection count (byte ${lexer.pos})`);
    // Each entry takes 20 bytes: a count the file cannot hold is a lie.
    if (count > (lexer.src.length - lexer.pos) / 18 || first + count > MAX_OBJECTS) throw corrupt(`xref subsection at byte ${lexer.pos} claims ${count} entries`);
    for (let i = 0; i < count; i++) {
      const at = lexer.pos;
      const offset = integer(lexer.value(), `the xref entry at byte ${at}`);
      const gen = integer(lexer.value(), `the xref entry at byte ${at}`);
      const inUse = lexer.keyword('n');
      if (!inUse && !lexer.keyword('f')) throw corrupt(`xref entry at byte ${at} is neither 'n' nor 'f'`);
      if (!entries.has(first + i)) entries.set(first + i, inUse ? { type: 'offset', offset, gen } : { type: 'free' });
    }
  }
  return entries;
}

/** A cross-reference stream (§7.5.8): binary rows of /W-sized big-endian fields. */
function readXrefStream(src: Buffer, offset: number, budget: InflateBudget): Section {
  // §7.5.8.2: an xref stream's /Length must be direct: there is no table yet to resolve it through.
  const object = parseIndirectObject(src, offset, (length, num) => integer(length, `object ${num}: the xref stream's /Length`));
  const stream = object.value;
  const where = `xref stream (object ${object.num}, byte ${offset})`;
  if (!(stream instanceof PdfStream) || !isName(stream.dict.get('Type'), 'XRef')) throw corrupt(`no xref table or xref stream at byte ${offset}`);
  const { dict } = stream;
  const w = dict.get('W');
  if (!Array.isArray(w) || w.length !== 3) throw corrupt(`${where}: /W is not an array of three integers`);
  const widths = w.map((v) => integer(v, `${where}: /W`));
  if (widths.some((n) => n > 8) || (widths[1] ?? 0) === 0) throw corrupt(`${where}: bad /W [${widths.join(' ')}]`);
  const size = integer(dict.get('Size'), `${where}: /Size`);
  const index = dict.get('Index') ?? [0, size];
  if (!Array.isArray(index) || index.length % 2 !== 0) throw corrupt(`${where}: /Index is not an array of pairs`);
  const data = decodeStream(stream, (v) => (v === undefined ? null : v), budget);
  const rowLength = widths.reduce((a, b) => a + b, 0);
  const entries = new Map<number, XrefEntry>();
  let row = 0;
  for (let i = 0; i < index.length; i += 2) {
    const first = integer(index[i], `${where}: /Index`);
    const count = integer(index[i + 1], `${where}: /Index`);
    if ((row + count) * rowLength > data.length || first + count > MAX_OBJECTS) throw corrupt(`${where}: /Index claims more entries than the stream holds`);
    for (let k = 0; k < count; k++, row++) {
      const at = row * rowLength;
      const type = (widths[0] ?? 0) === 0 ? 1 : field(data, at, widths[0] ?? 0);
      const f2 = field(data, at + (widths[0] ?? 0), widths[1] ?? 0);
      const f3 = field(data, at + (widths[0] ?? 0) + (widths[1] ?? 0), widths[2] ?? 0);
      const entry: XrefEntry | null = type === 0 ? { type: 'free' } : type === 1 ? { type: 'offset', offset: f2, gen: f3 } : type === 2 ? { type: 'compressed', stream: f2, index: f3 } : null;
      // Other types are reserved and read as the null object (§7.5.8.3).
      if (entry !== null && !entries.has(first + k)) entries.set(first + k, entry);
    }
  }
  return { entries, trailer: dict };
}

function field(data: Buffer, at: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + (data[at + i] ?? 0);
  if (!Number.isSafeInteger(v)) throw corrupt('xref stream field out of range');
  return v;
}
