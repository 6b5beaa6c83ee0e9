import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { custodyEntryHash, readCustodyLog, GENESIS_HASH } from '../../../electron/core/workspace/custody.js';
import { canonicalJson } from '../../../electron/core/util/canonical-json.js';
import { newWorkspace, sampleCapture } from '../../helpers/workspace.js';

describe('custody log', () => {
  it('chains every entry to the one before, with a hash anyone can recompute', async () => {
    const ws = await newWorkspace();
    const capture = await sampleCapture(ws, 7);
    await ws.logEvent({ action: 'export.made', subject: capture.id, details: { to: '/tmp/x' } });
    const log = await readCustodyLog(ws.db);
    expect(log.map((e) => e.action)).toEqual(['workspace.created', 'identity.created', 'capture.stored', 'export.made']);
    expect(log[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < log.length; i++) expect(log[i]!.prevHash).toBe(log[i - 1]!.hash);
    // The published recipe: SHA-256 over the canonical JSON (sorted keys, no spaces) of these fields.
    const e = log[2]!;
    const recipe = `{"action":${JSON.stringify(e.action)},"actor":{"investigator":${JSON.stringify(e.investigator)},"osUser":${JSON.stringify(e.osUser)}},"at":${JSON.stringify(e.at)},"details":${JSON.stringify(e.details)},"prevHash":${JSON.stringify(e.prevHash)},"seq":${e.seq},"subject":${JSON.stringify(e.subject)}}`;
    expect(createHash('sha256').update(recipe).digest('hex')).toBe(e.hash);
    expect(JSON.parse(e.details)).toMatchObject({ manifestSha256: capture.manifestSha256, outcome: 'complete' });
    expect(e.investigator).toBe('Jane Roe');
    expect(await readCustodyLog(ws.db, { subject: capture.id })).toHaveLength(2);
    await ws.close();
  });

  it('hashes an entry exactly as the canonical JSON of its fields, whatever the text holds', () => {
    const entries = [
      { seq: 1, at: '2026-01-02T03:04:05.678Z', investigator: 'Jane Roe', osUser: 'jane', action: 'workspace.created', subject: null, details: '{}', prevHash: GENESIS_HASH },
      { seq: 987654321, at: '2026-01-02T03:04:05.678Z', investigator: 'Zoë "Z" \\ Müller\n', osUser: '\u2028田中', action: 'note.edited', subject: 'cap-1', details: '{"to":"a\\"b"}', prevHash: 'f'.repeat(64) },
    ];
    for (const e of entries) {
      const canonical = canonicalJson({ seq: e.seq, at: e.at, actor: { investigator: e.investigator, osUser: e.osUser }, action: e.action, subject: e.subject, details: e.details, prevHash: e.prevHash });
      expect(custodyEntryHash(e)).toBe(createHash('sha256').update(canonical).digest('hex'));
    }
    expect(() => custodyEntryHash({ ...entries[0]!, seq: Number.NaN })).toThrow('not an integer');
  });
});
