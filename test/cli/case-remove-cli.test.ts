import { describe, expect, it } from 'vitest';
import { readCustodyLog } from '../../electron/core/workspace/custody.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { exhibit } from '../helpers/cli.js';
import { fileCapture, listingExtraction } from '../helpers/catalogue.js';
import { newWorkspace } from '../helpers/workspace.js';

describe('exhibit case remove', () => {
  it('takes out what was added, in custody; refuses what was not, and a capture made for the case, changing nothing', async () => {
    const made = await newWorkspace();
    const forCase = await fileCapture(made, listingExtraction({ listingId: '9', sellerId: 'alpha' }), { caseRef: 'Matter' });
    await fileCapture(made, listingExtraction({ listingId: '8', sellerId: 'beta' }));
    const dir = made.dir;
    await made.close();
    const w = ['--workspace', dir];

    expect((await exhibit(['case', 'add', 'Matter', '--seller', 'ebay:beta', ...w])).code).toBe(0);
    const notAdded = await exhibit(['case', 'remove', 'Matter', '--seller', 'ebay:alpha', ...w]);
    expect(notAdded.code).not.toBe(0);
    expect(notAdded.stderr).toContain('The seller ebay:alpha was not added to case "Matter"; nothing was changed.');
    const capturedFor = await exhibit(['case', 'remove', 'Matter', '--capture', forCase.id, ...w]);
    expect(capturedFor.stderr).toContain(`Capture ${forCase.id} was made for case "Matter": that is part of its record and stays`);
    const removed = await exhibit(['case', 'remove', 'Matter', '--seller', 'ebay:beta', ...w]);
    expect(removed).toMatchObject({ code: 0, stdout: 'Removed seller ebay:beta from Matter.\n' });
    expect((await exhibit(['verify', ...w])).code).toBe(0);

    const ws = (await Workspace.open(dir)) as { ok: true; value: Workspace };
    const log = await readCustodyLog(ws.value.db);
    await ws.value.close();
    expect(log.map((e) => e.action).filter((a) => a.startsWith('case.'))).toEqual(['case.created', 'case.member-added', 'case.member-removed']);
  });
});
