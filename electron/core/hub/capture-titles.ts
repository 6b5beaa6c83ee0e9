import { hubSearch } from '../store/pg/index.js';
import { inTurn } from '../util/in-turn.js';
import { EXTRACTED_ARTIFACT } from '../workspace/verify/extraction-checks.js';
import { inHubTransaction, type HubPool } from './db.js';
import { signedTitle } from './hub-extracted.js';
import type { HubObjectStore } from './object-store.js';

export interface TitlesRead {
  /** captures whose title was read and kept (null when their page gave none) */
  read: number;
  /** captures whose extracted.json could not be read from the store: still pending, found by their listing's title */
  unread: { captureId: string; problem: string }[];
}

/**
 * The titles of the captures pushed before hub schema 006 (which keeps each
 * capture's title for the search), read from their signed extracted.json in
 * the store, a page at a time, a few reads at once. Resumable: a capture
 * leaves the pending list when its title is written, so a run cut short
 * goes on where it stopped. A capture whose extracted.json the store does
 * not give back as hashed stays pending, named (`exhibit hub verify` says
 * what is wrong with it).
 */
export async function readPendingTitles(pool: HubPool, store: HubObjectStore, opts: { page?: number; width?: number } = {}): Promise<TitlesRead> {
  const out: TitlesRead = { read: 0, unread: [] };
  let after = '';
  for (;;) {
    const pending = await hubSearch.titlesPending(pool, after, opts.page ?? 500, EXTRACTED_ARTIFACT);
    if (pending.length === 0) return out;
    after = pending.at(-1)!.capture_id;
    const read: { captureId: string; title: string | null }[] = [];
    await inTurn(pending, opts.width ?? 8, async (p) => {
      if (p.extracted_sha256 === null) return void read.push({ captureId: p.capture_id, title: null });
      try {
        read.push({ captureId: p.capture_id, title: signedTitle(await store.get(p.extracted_sha256)) });
      } catch (e) {
        out.unread.push({ captureId: p.capture_id, problem: `its ${EXTRACTED_ARTIFACT} (${p.extracted_sha256}) cannot be read from the store: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
    out.read += await inHubTransaction(pool, (client) => hubSearch.setReadTitles(client, read));
  }
}
