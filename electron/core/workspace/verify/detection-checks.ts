import { z } from 'zod';
import { catalogueDigest, resultDigest } from '../../fakes/row-digests.js';
import { detectionIntegrity } from '../../store/index.js';
import { canonicalJson } from '../../util/canonical-json.js';
import type { Db } from '../db.js';
import type { Problem } from './report.js';

/*
 * Finding the fakes' tables against the custody log, both ways: brands and
 * their catalogue, authorised sellers, monitors, their runs, search results
 * and triage decisions. Each row is replayed from the entries that made it:
 * a row no entry made was inserted, an entry whose row is missing was
 * deleted, a row that differs from what its entries record was edited.
 * Entries written before the digests were recorded (no `catalogue`, `seen`
 * or `features`) are held to what they do record.
 */

const ACTIONS = ['brand.created', 'brand.imported', 'brand.seller-authorised', 'monitor.added', 'monitor.removed', 'monitor.ran', 'triage.decided'] as const;

const created = z.object({ name: z.string() });
const imported = z.object({ catalogue: z.string().optional() });
const authorised = z.object({ marketplace: z.string(), sellerKey: z.string() });
const added = z.object({ url: z.string(), brand: z.string(), intervalSeconds: z.number(), pages: z.number(), captureAbove: z.number().nullable() });
const ran = z.object({
  runId: z.string(),
  results: z.number(),
  new: z.number(),
  gone: z.number(),
  generic: z.boolean(),
  complete: z.boolean(),
  captures: z.array(z.string().nullable()),
  seen: z.array(z.object({ id: z.string(), digest: z.string(), fresh: z.boolean() })).optional(),
  goneIds: z.array(z.string()).optional(),
});
const decided = z.object({ decision: z.string(), score: z.number(), note: z.string(), features: z.record(z.string(), z.number()).optional() });

const problem = (where: string, message: string): Problem => ({ area: 'catalogue', where, message });

export async function compareDetectionWithCustody(db: Db): Promise<Problem[]> {
  const entries = await detectionIntegrity.detectionEntries(db, ACTIONS);
  const of = (action: (typeof ACTIONS)[number]) => entries.filter((e) => e.action === action && e.subject !== null) as { seq: number; subject: string; details: unknown }[];
  return [
    ...(await brands(db, of('brand.created'), of('brand.imported'))),
    ...(await authorisedSellers(db, of('brand.seller-authorised'))),
    ...(await monitors(db, of('monitor.added'), of('monitor.removed'))),
    ...(await runsAndResults(db, of('monitor.ran'))),
    ...(await decisions(db, of('triage.decided'))),
  ];
}

type Entry = { seq: number; subject: string; details: unknown };

async function brands(db: Db, createdEntries: Entry[], importedEntries: Entry[]): Promise<Problem[]> {
  const out: Problem[] = [];
  const logged = new Map<string, string>();
  for (const e of createdEntries) {
    const d = created.safeParse(e.details);
    if (d.success) logged.set(e.subject, d.data.name);
  }
  for (const row of await detectionIntegrity.brandRows(db)) {
    const name = logged.get(row.id);
    if (name === undefined) out.push(problem(`brand ${row.id}`, 'in the brand catalogue, but the custody log records no brand.created for it: inserted into the database'));
    else if (name !== row.name) out.push(problem(`brand ${row.id}`, `its name "${row.name}" differs from the custody log's "${name}": edited without a record`));
    logged.delete(row.id);
  }
  for (const [id, name] of logged) out.push(problem(`brand ${id}`, `the custody log records brand "${name}" created, but its row is gone (deleted from the database)`));

  // The catalogue (products, prices, images) as the brand's latest import left it.
  const lastImport = new Map<string, string | null>();
  for (const e of importedEntries) {
    const d = imported.safeParse(e.details);
    if (d.success) lastImport.set(e.subject, d.data.catalogue ?? null);
  }
  for (const brandId of await detectionIntegrity.brandsWithProducts(db)) {
    if (!lastImport.has(brandId)) out.push(problem(`brand ${brandId} catalogue`, 'has products, but the custody log records no brand.imported for the brand: inserted into the database'));
  }
  for (const [brandId, digest] of lastImport) {
    if (digest === null) continue;
    if ((await catalogueDigest(db, brandId)) !== digest) {
      out.push(problem(`brand ${brandId} catalogue`, 'its products, retail prices or official images differ from what the custody log records of its latest import: edited or deleted without a record'));
    }
  }
  return out;
}

async function authorisedSellers(db: Db, entries: Entry[]): Promise<Problem[]> {
  const out: Problem[] = [];
  const logged = new Set<string>();
  for (const e of entries) {
    const d = authorised.safeParse(e.details);
    if (d.success) logged.add(`${e.subject} ${d.data.marketplace}:${d.data.sellerKey}`);
  }
  for (const row of await detectionIntegrity.authorisedSellerRows(db)) {
    const key = `${row.brandId} ${row.marketplace}:${row.sellerKey}`;
    if (!logged.delete(key)) out.push(problem(`brand ${row.brandId} authorised seller ${row.marketplace}:${row.sellerKey}`, 'authorised, but the custody log records no brand.seller-authorised for it: inserted or edited without a record'));
  }
  for (const key of logged) {
    const [brandId, seller] = key.split(' ');
    out.push(problem(`brand ${brandId} authorised seller ${seller}`, 'the custody log records this seller authorised, but the row is gone (deleted or edited in the database)'));
  }
  return out;
}

async function monitors(db: Db, addedEntries: Entry[], removedEntries: Entry[]): Promise<Problem[]> {
  const out: Problem[] = [];
  const replay = new Map<string, z.infer<typeof added> & { active: boolean }>();
  const events = [...addedEntries.map((e) => ({ ...e, kind: 'added' as const })), ...removedEntries.map((e) => ({ ...e, kind: 'removed' as const }))].sort((a, b) => a.seq - b.seq);
  for (const e of events) {
    if (e.kind === 'added') {
      const d = added.safeParse(e.details);
      if (d.success) replay.set(e.subject, { ...d.data, active: true });
    } else {
      const m = replay.get(e.subject);
      if (m) m.active = false;
    }
  }
  for (const row of await detectionIntegrity.monitorRows(db)) {
    const want = replay.get(row.id);
    const where = `monitor ${row.id}`;
    replay.delete(row.id);
    if (!want) {
      out.push(problem(where, 'a watched search, but the custody log records no monitor.added for it: inserted into the database'));
      continue;
    }
    const differs = want.url !== row.url || want.brand !== row.brand || want.intervalSeconds !== row.intervalSeconds || want.pages !== row.pages || want.captureAbove !== row.captureAbove || want.active !== row.active;
    if (differs) out.push(problem(where, 'its address, brand, interval, pages, capture threshold or active state differs from what the custody log records: edited without a record'));
  }
  for (const [id, m] of replay) out.push(problem(`monitor ${id}`, `the custody log records the watched search ${m.url}, but its row is gone (deleted from the database)`));
  return out;
}

interface Expected {
  digest: string;
  firstRun: string | null;
  lastRun: string;
  state: 'new' | 'present' | 'gone';
}

async function runsAndResults(db: Db, entries: Entry[]): Promise<Problem[]> {
  const out: Problem[] = [];
  const runs = new Map<string, z.infer<typeof ran> & { monitorId: string }>();
  const expected = new Map<string, Expected>();
  /** runs whose entry records no digests (written before they were): their results are held to less */
  const undigested = new Set<string>();
  for (const e of entries) {
    const d = ran.safeParse(e.details);
    if (!d.success) continue;
    runs.set(d.data.runId, { ...d.data, monitorId: e.subject });
    if (!d.data.seen) {
      undigested.add(d.data.runId);
      continue;
    }
    for (const s of d.data.seen) {
      const before = expected.get(s.id);
      expected.set(s.id, { digest: s.digest, firstRun: s.fresh ? d.data.runId : (before?.firstRun ?? null), lastRun: d.data.runId, state: s.fresh ? 'new' : 'present' });
    }
    for (const id of d.data.goneIds ?? []) {
      const x = expected.get(id);
      if (x) x.state = 'gone';
    }
  }
  for (const row of await detectionIntegrity.monitorRunRows(db)) {
    const want = runs.get(row.id);
    const where = `monitor run ${row.id}`;
    runs.delete(row.id);
    if (!want) {
      out.push(problem(where, 'a run of a watched search, but the custody log records no monitor.ran for it: inserted into the database'));
      continue;
    }
    const differs =
      want.monitorId !== row.monitorId ||
      want.results !== row.results ||
      want.new !== row.newCount ||
      want.gone !== row.goneCount ||
      want.generic !== row.generic ||
      want.complete !== row.complete ||
      canonicalJson(want.captures) !== canonicalJson(row.captures);
    if (differs) out.push(problem(where, 'its counts, readers, completeness or captured pages differ from what the custody log records: edited without a record'));
  }
  for (const [id] of runs) out.push(problem(`monitor run ${id}`, 'the custody log records this run, but its row is gone (deleted from the database)'));

  for (const row of await detectionIntegrity.searchResultRows(db)) {
    const where = `search result ${row.id} (${row.marketplace}:${row.listingKey})`;
    const want = expected.get(row.id);
    expected.delete(row.id);
    if (!want) {
      if (!undigested.has(row.lastRunId)) out.push(problem(where, 'a search result no run recorded in the custody log saw: inserted into the database'));
      continue;
    }
    if (want.lastRun !== row.lastRunId && !undigested.has(row.lastRunId)) {
      out.push(problem(where, `its latest run ${row.lastRunId} is not the run the custody log records last seeing it (${want.lastRun}): edited without a record`));
      continue;
    }
    if (want.lastRun !== row.lastRunId) continue;
    if (resultDigest(row) !== want.digest) out.push(problem(where, 'what it showed (address, title, price, seller, thumbnail) or its score and reasons differ from what the custody log records: edited without a record'));
    if (want.state !== row.state) out.push(problem(where, `its state "${row.state}" differs from the custody log's "${want.state}": edited without a record`));
    if (want.firstRun !== null && want.firstRun !== row.firstRunId) out.push(problem(where, 'the run that first found it differs from the custody log: edited without a record'));
  }
  for (const [id] of expected) out.push(problem(`search result ${id}`, 'the custody log records a run seeing this result, but its row is gone (deleted from the database)'));
  return out;
}

async function decisions(db: Db, entries: Entry[]): Promise<Problem[]> {
  const out: Problem[] = [];
  const logged = new Map<string, z.infer<typeof decided>[]>();
  for (const e of entries) {
    const d = decided.safeParse(e.details);
    if (!d.success) continue;
    logged.set(e.subject, [...(logged.get(e.subject) ?? []), d.data]);
  }
  const rows = new Map<string, Awaited<ReturnType<typeof detectionIntegrity.triageDecisionRows>>>();
  for (const r of await detectionIntegrity.triageDecisionRows(db)) rows.set(r.resultId, [...(rows.get(r.resultId) ?? []), r]);
  for (const [resultId, made] of rows) {
    const want = logged.get(resultId) ?? [];
    logged.delete(resultId);
    made.forEach((row, i) => {
      const where = `triage decision #${row.seq} on search result ${resultId}`;
      const w = want[i];
      if (!w) {
        out.push(problem(where, 'the custody log records no triage.decided for it: inserted into the database'));
        return;
      }
      const sameFeatures = w.features === undefined || canonicalJson(w.features) === canonicalJson(parsedOrText(row.features));
      if (w.decision !== row.decision || w.score !== row.score || w.note !== row.note || !sameFeatures) {
        out.push(problem(where, `its decision, score, note or signals differ from what the custody log records ("${w.decision}", score ${w.score}): edited without a record`));
      }
    });
    for (const w of want.slice(made.length)) out.push(problem(`search result ${resultId}`, `the custody log records a triage decision "${w.decision}" on it, but its row is gone (deleted from the database)`));
  }
  for (const [resultId, want] of logged) {
    for (const w of want) out.push(problem(`search result ${resultId}`, `the custody log records a triage decision "${w.decision}" on it, but its row is gone (deleted from the database)`));
  }
  return out;
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
