import { generateKeyPairSync, sign } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { describe, expect, it } from 'vitest';
import { exportWacz } from '../../../electron/core/export/wacz.js';
import { verifyWaczSignature, waczKeyOf, WaczKey } from '../../../electron/core/export/wacz-key.js';
import { verifyWacz } from '../../../electron/core/export/wacz-verify.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

/** A small real WARC (one gzip member per record): a page and its request. */
async function warcOf(url: string, body: string): Promise<Buffer> {
  const date = new Date().toISOString();
  const records = [
    WARCRecord.createWARCInfo({ filename: 'page.warc.gz', warcVersion: 'WARC/1.1' }, { software: 'test' }),
    WARCRecord.create({ url, date, type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html' } }, [new TextEncoder().encode(body)]),
    WARCRecord.create({ url, date, type: 'request', warcVersion: 'WARC/1.1', statusline: `GET ${new URL(url).pathname} HTTP/1.1`, httpHeaders: { Host: new URL(url).host } }, []),
  ];
  const out: Buffer[] = [];
  for (const r of records) out.push(gzipSync(await WARCSerializer.serialize(r, { gzip: false })));
  return Buffer.concat(out);
}

async function captureWithWarc(ws: Workspace, url: string) {
  const now = new Date().toISOString();
  return ws.recordCapture({
    requestedUrl: url,
    finalUrl: url,
    httpStatus: 200,
    outcome: 'complete',
    startedAt: now,
    finishedAt: now,
    artifacts: [
      { name: 'page.warc.gz', kind: 'warc', mediaType: 'application/warc', source: await warcOf(url, `<title>Item</title><h1>${url}</h1>`) },
      { name: 'text.txt', kind: 'text', mediaType: 'text/plain', source: `text of ${url}` },
    ],
    provenance: { pageTitle: 'Item' },
  });
}

describe('the WACZ signing key', () => {
  it('is made once, owner-only, and recorded; exports running at once share it', async () => {
    const ws = await newWorkspace();
    try {
      const [k1, k2] = await Promise.all([waczKeyOf(ws), waczKeyOf(ws)]);
      expect(k1.key.publicKeyBase64).toBe(k2.key.publicKeyBase64);
      expect([k1.created, k2.created].filter(Boolean)).toHaveLength(1);
      expect(statSync(join(ws.layout.keys, 'wacz-signing-key.pem')).mode & 0o777).toBe(0o600);
      const again = await waczKeyOf(ws);
      expect(again).toMatchObject({ created: false });
      expect(again.key.publicKeySha256).toBe(k1.key.publicKeySha256);
      const logged = await ws.db.all<{ details: string }>("SELECT details FROM custody_log WHERE action = 'export.made' AND json_extract(details, '$.kind') = 'wacz-key'");
      expect(logged).toHaveLength(1);
      expect(JSON.parse(logged[0]!.details)).toMatchObject({ publicKeySha256: k1.key.publicKeySha256, algorithm: 'ECDSA P-384 with SHA-256' });
    } finally {
      await ws.close();
    }
  });

  it('signs in IEEE P1363 over the hash text; DER signatures and other curves are refused by name', () => {
    const key = WaczKey.generate();
    const text = `sha256:${'ab'.repeat(32)}`;
    const sig = key.sign(text);
    expect(Buffer.from(sig, 'base64')).toHaveLength(96);
    expect(verifyWaczSignature(key.publicKeyBase64, text, sig)).toEqual({ ok: true });
    expect(verifyWaczSignature(key.publicKeyBase64, `${text}0`, sig)).toMatchObject({ ok: false, reason: expect.stringContaining('does not verify') as unknown });
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const der = sign('sha256', Buffer.from(text), p384.privateKey).toString('base64');
    expect(verifyWaczSignature(p384.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), text, der)).toMatchObject({ ok: false, reason: expect.stringContaining('IEEE P1363') as unknown });
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(verifyWaczSignature(p256.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), text, sig)).toMatchObject({ ok: false, reason: expect.stringContaining('P-384') as unknown });
  });
});

describe('exportWacz', () => {
  it('writes a WACZ that verifies; a WARC altered in the store is refused and nothing is written', async () => {
    const ws = await newWorkspace();
    try {
      const one = await captureWithWarc(ws, 'https://shop.example/item/1');
      const two = await captureWithWarc(ws, 'https://shop.example/item/2');
      const dir = tempDir();
      const made = await exportWacz(ws, { kind: 'captures', ids: [one.id, two.id] }, join(dir, 'two.wacz'));
      expect(made.ok).toBe(true);
      if (!made.ok) return;
      expect(made.value.captures.map((c) => c.page)).toEqual(['https://shop.example/item/1', 'https://shop.example/item/2']);
      const report = await verifyWacz(made.value.file);
      expect(report.ok && report.value.ok).toBe(true);
      if (!report.ok) return;
      expect(report.value.sha256).toBe(made.value.sha256);
      expect(report.value.captures.map((c) => c.checked)).toEqual([
        ['manifest signature (Ed25519)', `archive/${one.id}.warc.gz = its page.warc.gz`],
        ['manifest signature (Ed25519)', `archive/${two.id}.warc.gz = its page.warc.gz`],
      ]);

      // The stored WARC of the second capture damaged: the export stops and leaves nothing.
      const warc = two.manifest.artifacts.find((a) => a.name === 'page.warc.gz')!;
      const path = ws.store.pathOf(warc.sha256);
      chmodSync(path, 0o644);
      writeFileSync(path, Buffer.concat([Buffer.from('x'), await warcOf('https://shop.example/item/2', 'changed')]));
      const before = readdirSync(dir);
      const refused = await exportWacz(ws, { kind: 'captures', ids: [one.id, two.id] }, join(dir, 'again.wacz'));
      expect(refused).toMatchObject({ ok: false, error: { kind: 'evidence-altered', detail: expect.stringContaining(`capture ${two.id}: page.warc.gz no longer hashes to`) as unknown } });
      expect(readdirSync(dir)).toEqual(before);
      expect(existsSync(join(dir, 'again.wacz'))).toBe(false);
    } finally {
      await ws.close();
    }
  });
});
