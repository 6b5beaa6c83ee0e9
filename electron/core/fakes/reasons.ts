import { z } from 'zod';
import { SIGNALS, type Signal } from './terms.js';

/**
 * A score's reasons as stored: a code per signal and the values seen
 * (prices, words matched, image names, seller), never a sentence. Each
 * surface says them in its reader's language from its own words
 * (reason-text.ts for the CLI and dossiers, the UI's dictionaries).
 * Environment-free, so every layer shares the shapes.
 */

export interface ReasonParams {
  'price-low': { price: string; currency: string; percent: number; product: string; reference: string; market: string; retailPrice: string; retailCurrency: string };
  'replica-words': { words: string[] };
  'official-image': { image: string; reference: string; mirrored: boolean; distance: number };
  'unauthorised-brand': { brand: string; seller: string; marketplace: string; sellerKey: string };
  'seller-signals': { accountAgeDays: number | null; feedbackCount: number | null; shipsFrom: string | null };
  'removed-before': { count: number };
}

/** One code per signal: the reason's template. */
export type ReasonCode = keyof ReasonParams;

export type CodedReason = { [K in ReasonCode]: { signal: K; code: K; strength: number; params: ReasonParams[K] } }[ReasonCode];

/** A reason stored before reasons were coded: its English sentence, kept as written. */
export interface WrittenReason {
  signal: Signal;
  strength: number;
  evidence: string;
}

export type Reason = CodedReason | WrittenReason;

export const isCoded = (r: Reason): r is CodedReason => 'code' in r;

export function reason<K extends ReasonCode>(code: K, strength: number, params: ReasonParams[K]): CodedReason {
  return { signal: code, code, strength, params } as CodedReason;
}

const paramSchemas: { [K in ReasonCode]: z.ZodType<ReasonParams[K]> } = {
  'price-low': z.object({ price: z.string(), currency: z.string(), percent: z.number(), product: z.string(), reference: z.string(), market: z.string(), retailPrice: z.string(), retailCurrency: z.string() }),
  'replica-words': z.object({ words: z.array(z.string()) }),
  'official-image': z.object({ image: z.string(), reference: z.string(), mirrored: z.boolean(), distance: z.number() }),
  'unauthorised-brand': z.object({ brand: z.string(), seller: z.string(), marketplace: z.string(), sellerKey: z.string() }),
  'seller-signals': z.object({ accountAgeDays: z.number().nullable(), feedbackCount: z.number().nullable(), shipsFrom: z.string().nullable() }),
  'removed-before': z.object({ count: z.number() }),
};

const coded = z
  .object({ signal: z.enum(SIGNALS), code: z.enum(SIGNALS), strength: z.number(), params: z.unknown() })
  .refine((r) => r.signal === r.code && paramSchemas[r.code].safeParse(r.params).success, { message: 'reason parameters do not match their code' })
  .transform((r) => r as CodedReason);
const written = z.object({ signal: z.enum(SIGNALS), strength: z.number(), evidence: z.string() });

/** A stored reason, coded or written: a written one in a sentence of the score's former templates is read back into its code. */
export const storedReason = z.union([coded, written.transform((r): Reason => codedFromSentence(r) ?? r)]);

/**
 * The English sentences scores were stored as before their reasons were
 * coded. These templates are frozen (nothing writes them any more), so
 * reading them back is exact; a sentence in none stays as written.
 */
export function codedFromSentence(r: WrittenReason): CodedReason | null {
  const e = r.evidence;
  let m: RegExpExecArray | null;
  switch (r.signal) {
    case 'price-low':
      m = /^(\S+) (\S+) is (\d+)% of the retail price of (.+) \(([^()]+)\) in (\S+), (\S+) (\S+)$/.exec(e);
      return m
        ? reason('price-low', r.strength, { price: m[1]!, currency: m[2]!, percent: Number(m[3]), product: m[4]!, reference: m[5]!, market: m[6]!, retailPrice: m[7]!, retailCurrency: m[8]! })
        : null;
    case 'replica-words':
      m = /^replica words: (.+)$/.exec(e);
      return m ? reason('replica-words', r.strength, { words: [...m[1]!.matchAll(/"([^"]*)"/g)].map((w) => w[1]!) }) : null;
    case 'official-image':
      m = /^the image matches the catalogue image (.+) \(([^()]+)\)(, mirrored)?: (\d+) of 64 bits differ$/.exec(e);
      return m ? reason('official-image', r.strength, { image: m[1]!, reference: m[2]!, mirrored: m[3] !== undefined, distance: Number(m[4]) }) : null;
    case 'unauthorised-brand':
      m = /^"(.+)" in the title, sold by (.+) \(([^:()]+):([^()]+)\), not an authorised seller$/.exec(e);
      return m ? reason('unauthorised-brand', r.strength, { brand: m[1]!, seller: m[2]!, marketplace: m[3]!, sellerKey: m[4]! }) : null;
    case 'removed-before':
      m = /^(\d+) listing\(s\) of this seller already removed$/.exec(e);
      return m ? reason('removed-before', r.strength, { count: Number(m[1]) }) : null;
    case 'seller-signals': {
      const p: ReasonParams['seller-signals'] = { accountAgeDays: null, feedbackCount: null, shipsFrom: null };
      for (const bit of e.split(', ')) {
        if ((m = /^account (\d+) days old$/.exec(bit))) p.accountAgeDays = Number(m[1]);
        else if ((m = /^(\d+) feedback ratings$/.exec(bit))) p.feedbackCount = Number(m[1]);
        else if ((m = /^ships from (.+)$/.exec(bit))) p.shipsFrom = m[1]!;
        else return null;
      }
      return reason('seller-signals', r.strength, p);
    }
  }
}
