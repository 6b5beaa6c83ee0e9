import { inflateSync } from 'node:zlib';
import { corrupt, unsupported } from './errors.js';
import { isDict, isName, type PdfDict, type PdfStream, type PdfValue } from './objects.js';
import { unfilterRow } from '../../imaging/png-filter.js';

/** What is left of the decompression allowance for the whole file: a few KB of zlib can claim gigabytes. */
export interface InflateBudget {
  remaining: number;
}

export type Resolve = (v: PdfValue | undefined) => PdfValue;

/** A stream's decoded bytes. Only FlateDecode (with or without a PNG predictor) is supported. */
export function decodeStream(stream: PdfStream, resolve: Resolve, budget: InflateBudget): Buffer {
  const filter = resolve(stream.dict.get('Filter'));
  const parms = resolve(stream.dict.get('DecodeParms'));
  const filters = filter === null ? [] : Array.isArray(filter) ? filter.map((f) => resolve(f)) : [filter];
  const parmList = Array.isArray(parms) ? parms.map((p) => resolve(p)) : [parms];
  let data = stream.raw;
  filters.forEach((f, i) => {
    if (!isName(f)) throw corrupt(`${stream.where}: /Filter is not a name`);
    if (f.name !== 'FlateDecode') throw unsupported(`${stream.where}: unsupported filter /${f.name}`);
    const p = parmList[i] ?? null;
    data = inflate(data, stream.where, budget);
    if (isDict(p)) data = unpredict(data, p, stream.where);
    else if (p !== null) throw corrupt(`${stream.where}: /DecodeParms is not a dictionary`);
  });
  return data;
}

function inflate(data: Buffer, where: string, budget: InflateBudget): Buffer {
  let out: Buffer;
  try {
    out = inflateSync(data, { maxOutputLength: Math.max(1, budget.remaining) });
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw unsupported(`${where}: stream inflates past the reader's limit (${budget.remaining} bytes left)`);
    throw corrupt(`${where}: FlateDecode data does not inflate (${(e as Error).message})`);
  }
  budget.remaining -= out.length;
  return out;
}

const numberParam = (p: PdfDict, key: string, fallback: number): number => {
  const v = p.get(key);
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw corrupt(`/DecodeParms /${key} is not an integer`);
  return v;
};

/** Undoes a PNG predictor (/Predictor 10–15), as xref streams and images use. */
function unpredict(data: Buffer, parms: PdfDict, where: string): Buffer {
  const predictor = numberParam(parms, 'Predictor', 1);
  if (predictor === 1) return data;
  if (predictor < 10 || predictor > 15) throw unsupported(`${where}: unsupported /Predictor ${predictor}`);
  const colors = numberParam(parms, 'Colors', 1);
  const bits = numberParam(parms, 'BitsPerComponent', 8);
  const columns = numberParam(parms, 'Columns', 1);
  if (colors < 1 || colors > 32 || ![1, 2, 4, 8, 16].includes(bits) || columns < 1 || columns > 1 << 24) throw corrupt(`${where}: bad predictor parameters`);
  const bpp = Math.max(1, (colors * bits) >> 3);
  const rowLength = Math.ceil((colors * bits * columns) / 8);
  if (data.length % (rowLength + 1) !== 0) throw corrupt(`${where}: predicted data is not a whole number of ${rowLength + 1}-byte rows`);
  const rows = data.length / (rowLength + 1);
  const out = Buffer.alloc(rows * rowLength);
  const zeros = new Uint8Array(rowLength);
  for (let y = 0; y < rows; y++) {
    const type = data[y * (rowLength + 1)] ?? 0;
    const cur = out.subarray(y * rowLength, (y + 1) * rowLength);
    cur.set(data.subarray(y * (rowLength + 1) + 1, (y + 1) * (rowLength + 1)));
    const prev = y > 0 ? out.subarray((y - 1) * rowLength, y * rowLength) : zeros;
    if (!unfilterRow(type, cur, prev, bpp)) throw corrupt(`${where}: unknown PNG predictor row type ${type}`);
  }
  return out;
}
