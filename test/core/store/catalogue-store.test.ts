import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDetail } from '../../../electron/core/catalogue/case-detail.js';
import { createCase } from '../../../electron/core/catalogue/cases.js';
import { captureFields } from '../../../electron/core/catalogue/fields.js';
import { sellerDetail } from '../../../electron/core/catalogue/queries.js';
import { mergeSellers, unmergeSeller } from '../../../electron/core/catalogue/sellers.js';
import { listDossiers } from '../../../electron/core/dossier/dossier-records.js';
import { RowShapeError } from '../../../electron/core/store/index.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { sqliteCli } from '../../helpers/cli.js';
import { newWorkspace, reopen } from '../../helpers/workspace.js';

/** Edits the workspace's SQLite file by hand, as someone with the sqlite3 tool would, then opens it again. */
async function tamper(ws: Workspace, sql: string): Promise<Workspace> {
  await ws.close();
  const r = sqliteCli(join(ws.dir, 'exhibit.sqlite'), sql);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return reopen(ws);
}

/** The error a call failed with: a RowShapeError naming what was read, and the field. */
async function shapeError(p: Promise<unknown>): Promise<RowShapeError> {
  const e: unknown = await p.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(e).toBeInstanceOf(RowShapeError);
  return e as RowShapeError;
}

describe('catalogue and dossier rows are parsed where they leave the database', () => {
  it('a merge whose member list is no longer JSON, or holds a number, is named with its table and field; nothing is undone', async () => {
    let ws = await newWorkspace();
    await fileCapture(ws, listingExtraction({ listingId: '11', sellerId: 'fakes4u' }));
    await fileCapture(ws, listingExtraction({ listingId: '12', sellerId: 'fakes4u_outlet' }));
    expect((await mergeSellers(ws.db, 'ebay:fakes4u_outlet', 'ebay:fakes4u')).ok).toBe(true);

    ws = await tamper(ws, "UPDATE seller_merges SET members = 'fakes4u_outlet, and others'");
    const e = await shapeError(unmergeSeller(ws.db, 'ebay:fakes4u_outlet'));
    expect(e.what).toBe('seller_merges');
    expect(e.message).toMatch(/members: not JSON/);
    // Refused inside the transaction: the seller is still merged, and no custody entry was added.
    expect((await sellerDetail(ws.db, 'ebay:fakes4u'))?.merged.map((s) => s.sellerKey)).toEqual(['fakes4u_outlet']);
    expect((await readCustodyLog(ws.db)).filter((x) => x.action === 'seller.unmerged')).toHaveLength(0);

    ws = await tamper(ws, `UPDATE seller_merges SET members = '["x", 42]'`);
    const wrongType = await shapeError(unmergeSeller(ws.db, 'ebay:fakes4u_outlet'));
    expect(wrongType.message).toMatch(/seller_merges: .*members\.1: .*string/);
    await ws.close();
  });

  it('an extracted value edited to non-JSON, or a source kind no extractor writes, is named; the other fields of other captures still read', async () => {
    let ws = await newWorkspace();
    const a = await fileCapture(ws, listingExtraction({ listingId: '21', sellerId: 'fakes4u', price: '20.00' }));
    const b = await fileCapture(ws, listingExtraction({ listingId: '22', sellerId: 'fakes4u', price: '30.00' }));

    ws = await tamper(ws, `DROP TRIGGER capture_fields_no_update; UPDATE capture_fields SET value = '20.00 USD' WHERE capture_id = '${a.id}' AND field = 'price';`);
    const e = await shapeError(captureFields(ws.db, a.id));
    expect(e.what).toBe('capture_fields');
    expect(e.message).toMatch(/value: not JSON/);
    expect((await captureFields(ws.db, b.id)).get('price')?.value).toBe('30.00');

    ws = await tamper(ws, `UPDATE capture_fields SET source_kind = 'guesswork' WHERE capture_id = '${b.id}' AND field = 'price';`);
    const kind = await shapeError(captureFields(ws.db, b.id));
    expect(kind.message).toMatch(/capture_fields: .*source_kind/);
    await ws.close();
  });

  it("a dossier record whose page count is a word names the custody log's field, on the Dossiers list and on the case's page", async () => {
    const ws = await newWorkspace();
    const made = await createCase(ws.db, 'Luxe v. Fakes');
    expect(made.ok).toBe(true);
    const caseId = made.ok ? made.value.id : '';
    await fileCapture(ws, listingExtraction({ listingId: '31', sellerId: 'fakes4u' }), { caseRef: 'Luxe v. Fakes' });
    // Recorded through the custody log itself (the chain stays whole): only the shape of its details is wrong.
    await ws.logEvent({ action: 'export.made', subject: caseId, details: { kind: 'dossier', dossierId: 'D-1', file: 'luxe.pdf', path: '/tmp/luxe.pdf', sha256: 'ab', pages: 12, lang: 'en', captures: ['x'] } });
    expect((await listDossiers(ws.db)).map((d) => [d.dossierId, d.pages, d.exhibits])).toEqual([['D-1', 12, 1]]);
    expect((await caseDetail(ws.db, caseId))?.dossiers.map((d) => d.file)).toEqual(['luxe.pdf']);

    await ws.logEvent({ action: 'export.made', subject: caseId, details: { kind: 'dossier', dossierId: 'D-2', file: 'luxe2.pdf', path: '/tmp/luxe2.pdf', sha256: 'cd', pages: 'twelve', lang: 'en', captures: [] } });
    const e = await shapeError(listDossiers(ws.db));
    expect(e.what).toMatch(/^custody_log/);
    expect(e.message).toMatch(/details\.pages/);
    const onCase = await shapeError(caseDetail(ws.db, caseId));
    expect(onCase.message).toMatch(/custody_log .*details\.pages/);
    await ws.close();
  });
});
