import { describe, expect, it } from 'vitest';
import { captureNote, writeCaptureNote } from '../../../electron/core/catalogue/notes.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { exhibit } from '../../helpers/cli.js';
import { newWorkspace } from '../../helpers/workspace.js';

describe("an investigator's notes on a capture", () => {
  it('each version is kept and logged; the latest is in force; an empty note clears it; nothing else changes', async () => {
    const ws = await newWorkspace();
    const c = await fileCapture(ws, listingExtraction({ listingId: '1', sellerId: 's' }));
    expect(await captureNote(ws.db, c.id)).toBeNull();
    expect((await writeCaptureNote(ws.db, c.id, 'Seller answered the test buy from Shenzhen.')).ok).toBe(true);
    expect((await writeCaptureNote(ws.db, c.id, 'Seller answered the test buy from Shenzhen; parcel held at customs.')).ok).toBe(true);
    // The same text again is not a new version.
    await writeCaptureNote(ws.db, c.id, 'Seller answered the test buy from Shenzhen; parcel held at customs.');
    const note = await captureNote(ws.db, c.id);
    expect(note).toMatchObject({ text: 'Seller answered the test buy from Shenzhen; parcel held at customs.', history: [{ text: 'Seller answered the test buy from Shenzhen.' }] });
    await writeCaptureNote(ws.db, c.id, '');
    expect((await captureNote(ws.db, c.id))!.text).toBe('');
    const logged = (await readCustodyLog(ws.db, { subject: c.id })).filter((e) => e.action === 'note.edited');
    expect(logged).toHaveLength(3);
    expect(await writeCaptureNote(ws.db, 'NOPE', 'x')).toEqual({ ok: false, error: 'no capture NOPE in this workspace' });
    await expect(ws.db.run("UPDATE capture_notes SET text = 'other'")).rejects.toThrow(/kept as written/);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);

    // A note slipped in with the sqlite3 tool is found, and named.
    await ws.db.run("INSERT INTO capture_notes (capture_id, text, at) VALUES (?, 'Genuine item, no case.', '2026-11-01T00:00:00.000Z')", [c.id]);
    expect((await verifyWorkspace(ws)).problems.map((p) => `${p.where}: ${p.message}`)).toEqual([`capture ${c.id} note #4: a note that the custody log does not record`]);
    await ws.close();
  });

  it('from the command line: exhibit note writes and shows, exhibit show tells the note apart from the sealed one', async () => {
    const ws = await newWorkspace();
    const c = await fileCapture(ws, listingExtraction({ listingId: '2', sellerId: 's' }));
    await ws.close();
    const w = ['--workspace', ws.dir];
    expect((await exhibit(['note', c.id, 'Test buy ordered 2026-11-20.', ...w])).stdout).toContain(`Note on capture ${c.id} written.`);
    expect((await exhibit(['note', c.id, ...w])).stdout).toContain('Test buy ordered 2026-11-20.');
    expect((await exhibit(['show', c.id, ...w])).stdout).toMatch(/Investigator's note \(not evidence; written [^)]+\):\n {2}Test buy ordered 2026-11-20\./);
    const bad = await exhibit(['note', c.id, 'x', '--clear', ...w]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('give a TEXT or --clear, not both');
  });
});
