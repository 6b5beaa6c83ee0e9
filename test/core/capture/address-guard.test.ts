import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress, systemAddressPolicy, type AddressPolicy } from '../../../electron/core/capture/address-guard.js';
import { captureUrls, type StoredCapture } from '../../../electron/core/capture/capture-service.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { artifact } from '../../helpers/capture.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { newWorkspace } from '../../helpers/workspace.js';

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', '[::1]', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:192.168.0.10'])('%s is this machine or its network', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });
  it.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8', 'not an address'])('%s is not', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
  it('localhost and address literals are classified without asking DNS', async () => {
    expect((await systemAddressPolicy.classify('localhost')).class).toBe('private');
    expect((await systemAddressPolicy.classify('127.0.0.1')).class).toBe('private');
    expect((await systemAddressPolicy.classify('93.184.216.34')).class).toBe('public');
  });
});

const SECRET = 'router admin password hunter2';
let inside: FixtureServer;
let shop: FixtureServer;
const hits: string[] = [];
let ws: Workspace;
let guarded: StoredCapture;
let local: StoredCapture;
let rewritten: StoredCapture;

/** The test's own server stands for a public shop when addressed as localhost; 127.0.0.1 stays this machine. */
const testPolicy: AddressPolicy = {
  classify: (host) => (host === 'localhost' ? Promise.resolve({ class: 'public', address: null }) : systemAddressPolicy.classify(host)),
};

beforeAll(async () => {
  inside = await startFixtureServer({
    '/secret': (req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.end(SECRET);
    },
  });
  const secretUrl = inside.url('/secret');
  const page = `<!DOCTYPE html><title>Shop</title><h1>Shop page</h1><p id=out>waiting</p><img src="${secretUrl}?img">
<script>fetch(${JSON.stringify(`${secretUrl}?fetch`)}).then((r) => r.text()).then((t) => (document.getElementById('out').textContent = 'read: ' + t), () => (document.getElementById('out').textContent = 'refused'));</script>`;
  shop = await startFixtureServer({
    '/item': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    },
    '/replaced': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><title>Rewrites its address</title><h1>Item</h1><script>history.replaceState(null, "", "/somewhere-else?ref=trusted")</script>');
    },
  });
  ws = await newWorkspace(undefined, 'suite');
  const r = await captureUrls(ws, {
    urls: [`http://localhost:${shop.port}/item`, shop.url('/item'), shop.url('/replaced')],
    addressPolicy: testPolicy,
    bounds: { loadMs: 5000, settleMs: 3000 },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  [guarded, local, rewritten] = r.value as [StoredCapture, StoredCapture, StoredCapture];
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await inside?.close();
  await shop?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const provenance = (c: StoredCapture) => c.record.manifest.provenance as Record<string, any>;

describe('a public page reaching this machine or its network', () => {
  it('is blocked before the request is sent, and recorded in the provenance', async () => {
    expect(guarded.page.outcome).toBe('complete');
    const blocked = provenance(guarded).blockedRequests as { url: string; address: string | null; reason: string }[];
    expect(blocked.map((b) => b.url).sort()).toEqual([`${inside.url('/secret')}?fetch`, `${inside.url('/secret')}?img`]);
    expect(blocked[0]!.address).toBe('127.0.0.1');
    expect((await artifact(ws, guarded, 'dom.html')).toString()).toContain('refused');
  });

  it('nothing of it is sealed', async () => {
    const sealed = await Promise.all(guarded.record.manifest.artifacts.map((a) => ws.store.read(a.sha256)));
    for (const [i, bytes] of sealed.entries()) {
      const name = guarded.record.manifest.artifacts[i]!.name;
      const text = name.endsWith('.gz') ? gunzipSync(bytes).toString('latin1') : bytes.toString('latin1');
      expect(text, name).not.toContain(SECRET);
    }
  });

  it('a page on this machine, captured deliberately, reaches it as before', async () => {
    expect(provenance(local).blockedRequests).toEqual([]);
    expect((await artifact(ws, local, 'dom.html')).toString()).toContain(`read: ${SECRET}`);
    // Only the local page's two requests reached the inside server.
    expect(hits.sort()).toEqual(['/secret?fetch', '/secret?img']);
  });
});

describe('the address a page shows and the one it came from', () => {
  it('both are recorded, and the manifest files the network one', () => {
    const urls = provenance(rewritten).urls as { network: string; document: string; differ: boolean };
    expect(urls).toEqual({ network: shop.url('/replaced'), document: shop.url('/somewhere-else?ref=trusted'), differ: true });
    expect(rewritten.page.finalUrl).toBe(shop.url('/replaced'));
    expect(provenance(guarded).urls).toMatchObject({ differ: false });
  });
});
