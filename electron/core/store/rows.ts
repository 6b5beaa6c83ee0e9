import { z } from 'zod';

/**
 * Rows are parsed where they leave the database, never cast. A row that does
 * not match its schema is a damaged or foreign workspace: the error names the
 * table (or query) and the first field that is wrong, so `exhibit verify` and
 * the user see where, instead of a crash three calls later.
 */
export class RowShapeError extends Error {
  constructor(readonly what: string, readonly issue: string) {
    super(`${what}: a stored row is not in the expected shape (${issue})`);
    this.name = 'RowShapeError';
  }
}

function describe(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'unknown';
  return `${first.path.join('.') || 'row'}: ${first.message}`;
}

export function parseRow<S extends z.ZodTypeAny>(schema: S, row: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw new RowShapeError(what, describe(parsed.error));
  return parsed.data as z.output<S>;
}

export function parseRows<S extends z.ZodTypeAny>(schema: S, rows: readonly unknown[], what: string): z.output<S>[] {
  return rows.map((row) => parseRow(schema, row, what));
}

export function parseOptionalRow<S extends z.ZodTypeAny>(schema: S, row: unknown, what: string): z.output<S> | undefined {
  return row === undefined ? undefined : parseRow(schema, row, what);
}

/** A TEXT column holding JSON: parsed, then checked against `inner`. */
export function jsonText<S extends z.ZodTypeAny>(inner: S) {
  return z.string().transform((text, ctx) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
    const parsed = inner.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return parsed.data as z.output<S>;
  });
}

/** Column helpers for the shapes SQLite hands back. */
export const col = {
  text: z.string(),
  textOrNull: z.string().nullable(),
  int: z.number().int(),
  intOrNull: z.number().int().nullable(),
  real: z.number(),
  realOrNull: z.number().nullable(),
  /** 0/1 stored for a boolean. */
  flag: z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1),
  blob: z.instanceof(Uint8Array),
  blobOrNull: z.instanceof(Uint8Array).nullable(),
};

/** The columns a listing-like row begins with (a listing, a search result, a listing to score): where it is and what it says. */
export const listingCols = {
  marketplace: col.text,
  listingKey: col.text,
  url: col.text,
  title: col.textOrNull,
  price: col.textOrNull,
  currency: col.textOrNull,
};

/** The columns a search result shows beyond the listing's: who sells it, its picture and its score (features and reasons as JSON text). */
export const resultCols = {
  ...listingCols,
  sellerName: col.textOrNull,
  sellerKey: col.textOrNull,
  thumbnail: col.textOrNull,
  score: col.int,
};
