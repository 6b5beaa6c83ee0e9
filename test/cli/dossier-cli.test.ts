import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibit } from '../helpers/cli.js';
import { marketplacePage, ROUTES, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { appendEmbeddedFileUpdate } from '../helpers/pdf-tamper.js';
import { tempDir } from '../helpers/tmp.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({
    ...ROUTES,
    '/dp/B0TEST1DE1': marketplacePage('amazon-de-listing'),
  });
});
afterAll(async () => {
  await server?.close();
});

describe('exhibit dossier and exhibit verify, end to end', () => {
  it('captures become a French dossier with every file attached, which verifies on its own and fails when altered', async () => {
    const ws = join(tempDir(), 'ws');
    const w = ['--workspace', ws];
    expect((await exhibit(['init', ...w, '--investigator', 'Jeanne Dupont', '--organisation', 'Cabinet Dupont'])).code).toBe(0);
    const captured = await exhibit(['capture', ...w, '--json', server.url('/dp/B0TEST1DE1'), server.url('/dp/B0TEST1DE1')]);
    expect(captured.code).toBe(0);
    const [first] = JSON.parse(captured.stdout) as { id: string; artifacts: { name: string; sha256: string }[] }[];

    const out = join(tempDir(), 'nordlicht.pdf');
    // A French dossier for a US court: on Letter paper rather than the French default, A4.
    const made = await exhibit(['dossier', ...w, '--seller', 'amazon:A1EXHIBITNORD1', '-o', out, '--lang', 'fr', '--paper', 'letter', '--attach', 'all', '--bates', 'NL-', '--json']);
    // No authority can be reached here: the dossier is signed, and says its time-stamp is to come.
    expect(made.stderr).toContain('Time-stamp pending: no authority answered');
    expect(made.stderr).toContain(`exhibit stamp ${out}`);
    expect(made.code).toBe(0);
    const d = JSON.parse(made.stdout) as { path: string; pages: number; exhibits: number; sha256: string };
    expect(d).toMatchObject({ path: out, exhibits: 2 });
    expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);
    expect(spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    const badPaper = await exhibit(['dossier', ...w, '--seller', 'amazon:A1EXHIBITNORD1', '-o', join(tempDir(), 'x.pdf'), '--paper', 'legal']);
    expect(badPaper.code).toBe(2);
    expect(badPaper.stderr).toContain('--paper legal: letter or a4');
    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout;
    for (const a of first!.artifacts) expect(text).toContain(a.sha256);
    expect(text).toContain('Nordlicht Handel GmbH');
    expect(text).toContain(`Page 1 sur ${d.pages}`);
    // Rendered, as a lawyer would see it: the first exhibit's page and a screenshot page exist as images.
    const png = join(tempDir(), 'page');
    expect(spawnSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '3', out, png]).status).toBe(0);

    const ok = await exhibit(['verify', out, ...w]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/✓ A-1 {2}capture \S+: \d+ printed hashes, attached manifest and its signature, \d+ attached files/);
    expect(ok.stdout).toContain('byte for byte the file this workspace made');

    const bytes = readFileSync(out);
    const textArtifact = first!.artifacts.find((a) => a.name === 'text.txt')!;
    const original = readFileSync(join(ws, 'objects', textArtifact.sha256.slice(0, 2), textArtifact.sha256));
    const swapped = join(tempDir(), 'swapped.pdf');
    writeFileSync(swapped, appendEmbeddedFileUpdate(bytes, original, Buffer.from('nothing to see here')));
    const bad = await exhibit(['verify', swapped]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✗ A-1 {2}capture/);
    expect(bad.stdout).toContain('the attached file text.txt hashes to');

    const appended = join(tempDir(), 'appended.pdf');
    writeFileSync(appended, bytes);
    appendFileSync(appended, '\n% a comment added later\n');
    const changed = await exhibit(['verify', appended, ...w]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('differs from the one this workspace made');
    expect(changed.stdout).toContain('bytes were appended after it was signed');
  }, 180_000);

  it('verifies an exported capture folder, and names the file that was altered', async () => {
    const ws = join(tempDir(), 'ws');
    const w = ['--workspace', ws];
    expect((await exhibit(['init', ...w])).code).toBe(0);
    const [c] = JSON.parse((await exhibit(['capture', ...w, '--json', server.url('/listing')])).stdout) as { id: string }[];
    const dir = join(tempDir(), 'export');
    expect((await exhibit(['export-capture', c!.id, dir, ...w])).code).toBe(0);
    const good = await exhibit(['verify', dir]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Signature        valid (Ed25519)');
    writeFileSync(join(dir, 'text.txt'), 'edited');
    writeFileSync(join(dir, 'extra.txt'), 'slipped in');
    const bad = await exhibit(['verify', dir, '--json']);
    expect(bad.code).toBe(1);
    const r = JSON.parse(bad.stdout) as { files: { name: string; ok: boolean; problem: string | null }[]; problems: string[] };
    expect(r.files.filter((f) => !f.ok).map((f) => f.name)).toEqual(['text.txt']);
    expect(r.problems.join()).toContain('extra.txt is not part of the capture');
    expect(readdirSync(dir)).toContain('manifest.sig');
    const none = await exhibit(['verify', join(tempDir(), 'nothing-here')]);
    expect(none.code).toBe(2);
  }, 120_000);
});
