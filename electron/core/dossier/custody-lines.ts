import type { CustodyEntry } from '../workspace/custody.js';
import { dossiers } from '../store/index.js';
import type { Db } from '../workspace/db.js';
import { listAuthorities } from '../workspace/timestamps.js';
import { LANGUAGES, type DossierLang } from './i18n/index.js';
import { custodyWords } from './render/back-matter.js';

/** A custody entry with what it says in words, in each language the UI speaks: the same sentences the dossier prints. */
export type CustodyLine = CustodyEntry & { words: Record<DossierLang, string> };

/**
 * The entries in words, for the UI: one place maps each event to a sentence
 * (the dossier's, electron/core/dossier/i18n), so the screen and the PDF
 * never say an event two ways. Ids of sellers, listings and cases are named
 * as a reader knows them (ebay:1234, the case's name).
 */
export async function custodyLines(db: Db, entries: readonly CustodyEntry[]): Promise<CustodyLine[]> {
  const ids = new Set<string>();
  for (const e of entries) {
    if (e.subject) ids.add(e.subject);
    for (const m of e.details.matchAll(/"(?:listingId|memberId|id|into|from)":"([^"]{1,200})"/g)) ids.add(m[1]!);
  }
  const context = { labels: await dossiers.labelsOf(db, [...ids]), authorityNames: new Map((await listAuthorities(db, { all: true })).map((a) => [a.url, a.name])) };
  return inWords(entries, context);
}

/** The entries in words, given how their ids and authorities are named (the team hub's come from its own catalogue). */
export function inWords(entries: readonly CustodyEntry[], context: { labels: Map<string, string>; authorityNames: Map<string, string> }): CustodyLine[] {
  const none = new Map<string, string>();
  return entries.map((e) => ({ ...e, words: { en: custodyWords(e, context, LANGUAGES.en, none), fr: custodyWords(e, context, LANGUAGES.fr, none) } }));
}
