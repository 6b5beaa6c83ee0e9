import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addToCase, createCase } from '../../../electron/core/catalogue/cases.js';
import { correctField } from '../../../electron/core/catalogue/corrections.js';
import { mergeSellers, setSellerStatus, tagSeller } from '../../../electron/core/catalogue/sellers.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Problem } from '../../../electron/core/workspace/verify/report.js';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import { fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { exhibit, sqliteCli } from '../../helpers/cli.js';
import { suiteTempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

/*
 * Everything a dossier or the UI shows as read from the page or as the
 * investigator's act, edited with the sqlite3 tool: each is found, located,
 * and `exhibit verify` exits 1. One workspace is built; each test tampers
 * with a copy of it.
 */

let base: string;
let a: { id: string; listingId: string; sellerId: string };
let b: { id: string; listingId: string; sellerId: string };
let caseId: string;
let alt: string;

beforeAll(async () => {
  const ws = await newWorkspace(undefined, 'suite');
  const ra = await fileCapture(ws, listingExtraction({ listingId: '111', sellerId: 'fakes4u', sellerName: 'Fakes 4 U', title: 'Marmont bag', price: '20.00', currency: 'EUR' }), { caseRef: 'Luxe v. Fakes' });
  const rb = await fileCapture(ws, listingExtraction({ listingId: '222', sellerId: 'honest_shop', sellerName: 'Honest Shop', title: 'Belt', price: '30.00', currency: 'EUR' }));
  a = { id: ra.id, listingId: ra.filing.listingId!, sellerId: ra.filing.sellerId! };
  b = { id: rb.id, listingId: rb.filing.listingId!, sellerId: rb.filing.sellerId! };
  caseId = ra.filing.caseId!;
  alt = (await fileCapture(ws, listingExtraction({ listingId: '333', sellerId: 'fakes4u_outlet', title: 'Scarf', price: '9.00', currency: 'EUR' }))).filing.sellerId!;
  expect((await mergeSellers(ws.db, 'ebay:fakes4u_outlet', 'ebay:fakes4u', 'same operator')).ok).toBe(true);
  expect((await correctField(ws.db, a.id, 'title', 'GG Marmont bag', 'as shown on the page')).ok).toBe(true);
  expect((await setSellerStatus(ws.db, 'ebay:fakes4u', 'reported', 'reported to eBay VeRO')).ok).toBe(true);
  expect((await tagSeller(ws.db, 'ebay:fakes4u', 'counterfeit', true)).ok).toBe(true);
  expect((await createCase(ws.db, 'Second case')).ok).toBe(true);
  expect((await addToCase(ws.db, 'Luxe v. Fakes', [{ kind: 'seller', ref: 'ebay:fakes4u' }])).ok).toBe(true);
  await ws.updateSettings({ organisation: 'Acme Legal LLP' });
  const clean = await verifyWorkspace(ws);
  expect(clean.problems).toEqual([]);
  expect(clean.notices.filter((n) => !/pending|not yet time-stamped/.test(n))).toEqual([]);
  await ws.close();
  base = ws.dir;
});

let copies = 0;

/** A copy of the workspace, tampered with by `sql` through the sqlite3 tool, and what verification finds in it. */
async function tampered(sql: string): Promise<{ dir: string; problems: Problem[] }> {
  const dir = join(suiteTempDir(), `copy-${++copies}`);
  cpSync(base, dir, { recursive: true });
  const r = sqliteCli(join(dir, 'exhibit.sqlite'), sql);
  expect(r.stderr).toBe('');
  const opened = await Workspace.open(dir);
  if (!opened.ok) throw new Error(opened.error.kind);
  try {
    const report = await verifyWorkspace(opened.value);
    expect(report.ok).toBe(false);
    return { dir, problems: report.problems };
  } finally {
    await opened.value.close();
  }
}

function found(problems: Problem[], where: string, message: RegExp): void {
  expect(problems).toContainEqual(expect.objectContaining({ where, message: expect.stringMatching(message) as unknown }));
}

describe('what was read from the page, against the signed extracted.json', () => {
  it('an extracted price edited: names the capture and the field, and exhibit verify exits 1', async () => {
    const { dir, problems } = await tampered(`DROP TRIGGER capture_fields_no_update; UPDATE capture_fields SET value = '"2.00"' WHERE capture_id = '${a.id}' AND field = 'price';`);
    found(problems, `capture ${a.id} extracted field price`, /^altered: the database says "2.00", the signed extracted.json says "20.00"/);
    const cli = await exhibit(['verify', '--workspace', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`capture ${a.id} extracted field price: altered`);
  });

  it('a field inserted as if read from the page: found', async () => {
    const { problems } = await tampered(`INSERT INTO capture_fields (capture_id, field, value, source_kind, source_detail) VALUES ('${b.id}', 'brand', '"Gucci"', 'selector', '.brand');`);
    found(problems, `capture ${b.id} extracted field brand`, /no such field: inserted/);
  });

  it('a page marked blocked in the database: found', async () => {
    const { problems } = await tampered(`UPDATE capture_extraction SET page_kind = 'blocked', blocked = '{"kind":"text","matched":"captcha"}' WHERE capture_id = '${a.id}';`);
    found(problems, `capture ${a.id} extraction`, /page_kind = "blocked", the signed extracted.json says "listing"/);
    found(problems, `capture ${a.id} extraction`, /blocked = .*captcha.*the signed extracted.json says null/);
  });
});

describe("the investigator's acts, against the custody entries that record them", () => {
  it('a correction deleted: found', async () => {
    const { problems } = await tampered('DROP TRIGGER field_corrections_no_delete; DELETE FROM field_corrections;');
    found(problems, `capture ${a.id} correction of title`, /records a correction of title to "GG Marmont bag", but its row is gone/);
  });

  it("a seller's name, status and notes edited: found, each named", async () => {
    const { problems } = await tampered(`UPDATE sellers SET display_name = 'Honest Trader', status = 'active', notes = 'fine' WHERE id = '${a.sellerId}';`);
    const where = `seller ebay:fakes4u (${a.sellerId})`;
    found(problems, where, /^its name is "Honest Trader", but the custody log records "Fakes 4 U"/);
    found(problems, where, /^its status is "active", but the custody log records "reported"/);
    found(problems, where, /^its note is "fine"/);
  });

  it("a seller's status history backdated, or a change deleted: found", async () => {
    const backdated = await tampered(`UPDATE seller_status_history SET at = '2020-01-01T00:00:00.000Z' WHERE seller_id = '${a.sellerId}';`);
    found(backdated.problems, `seller ${a.sellerId} status history (2020-01-01T00:00:00.000Z)`, /a change to reported that the custody log does not record/);
    const deleted = await tampered(`DELETE FROM seller_status_history WHERE seller_id = '${a.sellerId}';`);
    found(deleted.problems, `seller ${a.sellerId} status history`, /records a change to reported at .*, but its row is gone/);
  });

  it('a tag added and a tag removed: found', async () => {
    const { problems } = await tampered(`DELETE FROM seller_tags; INSERT INTO seller_tags (seller_id, tag) VALUES ('${b.sellerId}', 'counterfeit');`);
    found(problems, `seller ${a.sellerId} tag "counterfeit"`, /records this tag, but it is gone/);
    found(problems, `seller ${b.sellerId} tag "counterfeit"`, /a tag the custody log does not record/);
  });

  it('a merge made in the database: found on the seller and as a merge without a record', async () => {
    const { problems } = await tampered(
      `UPDATE sellers SET merged_into = '${a.sellerId}' WHERE id = '${b.sellerId}'; INSERT INTO seller_merges (id, absorbed, into_id, members, merged_at) VALUES ('m1', '${b.sellerId}', '${a.sellerId}', '["${b.sellerId}"]', 't');`,
    );
    found(problems, `seller ebay:honest_shop (${b.sellerId})`, /^its merged into is ".*", but the custody log records null/);
    found(problems, 'seller merge m1', /does not record/);
  });

  it('a merge undone in the database: found on the seller', async () => {
    const { problems } = await tampered(`UPDATE sellers SET merged_into = NULL WHERE id = '${alt}';`);
    found(problems, `seller ebay:fakes4u_outlet (${alt})`, /^its merged into is null, but the custody log records ".*"/);
  });

  it('case membership: a member removed, one added, a capture moved out of its case', async () => {
    const { problems } = await tampered(
      `DELETE FROM case_members; INSERT INTO case_members (case_id, kind, member_id, added_at) VALUES ('${caseId}', 'seller', '${b.sellerId}', 't'); UPDATE captures SET case_id = NULL WHERE id = '${a.id}';`,
    );
    found(problems, `case ${caseId} member seller ${a.sellerId}`, /it is gone from the case/);
    found(problems, `case ${caseId} member seller ${b.sellerId}`, /does not record being added/);
    found(problems, `capture ${a.id} case`, /in case none, but the custody log records it stored in case .*: moved without a record/);
  });

  it('a case renamed: found', async () => {
    const { problems } = await tampered(`UPDATE cases SET name = 'Nothing to see' WHERE id = '${caseId}';`);
    found(problems, `case ${caseId}`, /named "Nothing to see", but the custody log records "Luxe v. Fakes"/);
  });

  it("a listing's price and address edited: found", async () => {
    const { problems } = await tampered(`UPDATE listings SET price = '1.00', url = 'https://elsewhere.test/' WHERE id = '${a.listingId}';`);
    const where = `listing ebay:111 (${a.listingId})`;
    found(problems, where, /^shows price "1.00", but its latest capture .* says "20.00"/);
    found(problems, where, /address differs from what the custody log recorded/);
  });

  it('a listing inserted: found', async () => {
    const { problems } = await tampered(`INSERT INTO listings (id, marketplace, listing_key, url, created_at) VALUES ('L9', 'ebay', '999', 'https://www.ebay.com/itm/999', 't');`);
    found(problems, 'listing ebay:999 (L9)', /no listing.created/);
  });

  it('settings changed without a record: the investigator, and the browser a capture runs', async () => {
    const { problems } = await tampered("UPDATE settings SET value = 'Someone Else' WHERE key = 'investigator'; INSERT INTO settings (key, value) VALUES ('browserPath', '/tmp/evil');");
    found(problems, 'setting investigator', /^it is "Someone Else", but the custody log last records "Jane Roe"/);
    found(problems, 'setting browserPath', /^it is "\/tmp\/evil", but the custody log last records ""/);
  });
});
