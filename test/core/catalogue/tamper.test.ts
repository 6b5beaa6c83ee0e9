import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { correctField } from '../../../electron/core/catalogue/corrections.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { sqliteCli } from '../../helpers/cli.js';
import { newWorkspace, reopen } from '../../helpers/workspace.js';

describe('tampering with filing and corrections', () => {
  it('finds a capture moved to another seller, a correction slipped in, and a removed guard, each by place', async () => {
    let ws = await newWorkspace();
    const a = await fileCapture(ws, listingExtraction({ listingId: '1', sellerId: 'fakes4u', price: '20.00' }));
    const b = await fileCapture(ws, listingExtraction({ listingId: '2', sellerId: 'honest_shop', price: '30.00' }));
    expect((await correctField(ws.db, a.id, 'title', 'Marmont bag', 'as shown')).ok).toBe(true);
    expect((await verifyWorkspace(ws)).ok).toBe(true);
    await ws.close();

    const db = join(ws.dir, 'exhibit.sqlite');
    // Someone moves a capture from the counterfeiter to an innocent seller, and "corrects" a price, by hand.
    expect(sqliteCli(db, `UPDATE captures SET seller_id = '${b.filing.sellerId}' WHERE id = '${a.id}'`).code).toBe(0);
    expect(sqliteCli(db, `INSERT INTO field_corrections (capture_id, field, value, reason, at) VALUES ('${b.id}', 'price', '"3.00"', '', '2026-01-01')`).code).toBe(0);
    expect(sqliteCli(db, 'DROP TRIGGER capture_fields_no_update').code).toBe(0);
    ws = await reopen(ws);
    const report = await verifyWorkspace(ws);
    expect(report.ok).toBe(false);
    const where = report.problems.map((p) => p.where);
    expect(where).toContain(`capture ${a.id} filing`);
    expect(report.problems.find((p) => p.where === `capture ${a.id} filing`)?.message).toContain('moved without a record');
    expect(where.some((w) => w.startsWith(`capture ${b.id} correction #`))).toBe(true);
    expect(where).toContain('trigger capture_fields_no_update');
    // The listings computed from those rows no longer match them either, and say so.
    expect(report.problems.filter((p) => !p.where.startsWith('listing '))).toHaveLength(3);
    const listings = report.problems.filter((p) => p.where.startsWith('listing '));
    expect(listings.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^shows seller /), expect.stringMatching(/^shows price "30.00", but its latest capture .* says "3.00"/)]));
    expect(listings).toHaveLength(2);
    await ws.close();
  });
});
