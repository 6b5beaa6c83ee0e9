import { z } from 'zod';
import type { Problem } from './report.js';
import type { TextResult } from './worker-pool.js';

/** extracted.json as the capture step and import write it (see capture/extraction-step.ts). */
const source = z.object({ kind: z.string(), detail: z.string() });
const extractedSchema = z.object({
  extractorVersion: z.string(),
  extraction: z.object({
    marketplace: z.string(),
    extractor: z.string(),
    recognisedBy: source,
    kind: z.string(),
    blocked: z.unknown(),
    fields: z.record(z.string(), z.object({ value: z.union([z.string(), z.array(z.string())]), source }).nullable().optional()),
  }),
});
export type SignedExtraction = z.infer<typeof extractedSchema>;

/** A signed extracted.json's text, parsed; undefined when it is not one (not JSON, or not in this shape). */
export function parseExtracted(text: string): SignedExtraction | undefined {
  try {
    const parsed = extractedSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface FieldRow {
  captureId: string;
  field: string;
  value: string;
  sourceKind: string;
  sourceDetail: string;
}

export interface ExtractionRow {
  captureId: string;
  extractor: string;
  version: string;
  marketplace: string;
  pageKind: string;
  blocked: string | null;
}

/** The name of the artifact that holds what the extractors read off the page. */
export const EXTRACTED_ARTIFACT = 'extracted.json';

/**
 * What the dossier prints as read from the page (the capture's extracted
 * fields, its page kind, a "blocked" mark) against the signed extracted.json
 * it was filed from: a value edited, a field inserted or deleted, or a page
 * marked blocked or unblocked in the database differs from the signed file.
 * `file` is undefined when the capture has no extracted.json.
 */
export function compareExtraction(captureId: string, file: TextResult | undefined, fields: readonly FieldRow[], extraction: ExtractionRow | undefined): Problem[] {
  const problems: Problem[] = [];
  const at = `capture ${captureId}`;
  const say = (where: string, message: string) => problems.push({ area: 'capture', where, message });
  if (file === undefined) {
    for (const f of fields) say(`${at} extracted field ${f.field}`, `the database says it was read from the page as ${f.value}, but the capture has no signed extracted.json: inserted`);
    if (extraction) say(`${at} extraction`, `the database records the page as read (${extraction.pageKind}${extraction.blocked ? ', blocked' : ''}), but the capture has no signed extracted.json: inserted`);
    return problems;
  }
  if ('error' in file) {
    // Missing or unreadable: the artifact checks name it; nothing to compare with.
    return problems;
  }
  const signed = parseExtracted(file.text);
  if (!signed) {
    say(`${at} artifact ${EXTRACTED_ARTIFACT}`, 'it cannot be read as an extraction: the fields filed from it cannot be checked');
    return problems;
  }
  const x = signed.extraction;
  const expected = new Map<string, { value: string; sourceKind: string; sourceDetail: string }>();
  expected.set('marketplace', { value: JSON.stringify(x.marketplace), sourceKind: x.recognisedBy.kind, sourceDetail: x.recognisedBy.detail });
  for (const [field, v] of Object.entries(x.fields)) {
    if (v) expected.set(field, { value: JSON.stringify(v.value), sourceKind: v.source.kind, sourceDetail: v.source.detail });
  }
  for (const row of fields) {
    const where = `${at} extracted field ${row.field}`;
    const want = expected.get(row.field);
    expected.delete(row.field);
    if (!want) say(where, `the database says ${row.value} was read from the page, but the signed extracted.json has no such field: inserted`);
    else if (want.value !== row.value) say(where, `altered: the database says ${row.value}, the signed extracted.json says ${want.value}`);
    else if (want.sourceKind !== row.sourceKind || want.sourceDetail !== row.sourceDetail) say(where, `altered: the database names another source (${row.sourceKind} ${row.sourceDetail}) than the signed extracted.json (${want.sourceKind} ${want.sourceDetail})`);
  }
  for (const [field, want] of expected) say(`${at} extracted field ${field}`, `the signed extracted.json says ${want.value} was read from the page, but its row is missing (deleted from the database)`);

  const where = `${at} extraction`;
  if (!extraction) {
    say(where, 'the signed extracted.json records what was read from the page, but its row is missing (deleted from the database)');
    return problems;
  }
  const blocked = x.blocked ? JSON.stringify(x.blocked) : null;
  const pairs: [string, unknown, unknown][] = [
    ['extractor', extraction.extractor, x.extractor],
    ['version', extraction.version, signed.extractorVersion],
    ['marketplace', extraction.marketplace, x.marketplace],
    ['page_kind', extraction.pageKind, x.kind],
    ['blocked', extraction.blocked, blocked],
  ];
  for (const [column, stored, want] of pairs) {
    if (stored !== want) say(where, `altered: the database says ${column} = ${JSON.stringify(stored)}, the signed extracted.json says ${JSON.stringify(want)}`);
  }
  return problems;
}
