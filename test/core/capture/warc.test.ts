import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import { buildWarc } from '../../../electron/core/capture/outputs/warc.js';
import type { Exchange } from '../../../electron/core/capture/network-recorder.js';

const HTML = Buffer.from(`<!DOCTYPE html><title>Luxe Bag</title>${'<p>genuine leather, gold-tone hardware, dust bag</p>'.repeat(200)}`);
const IMAGE = randomBytes(50_000);

function exchange(n: number, url: string, mimeType: string, body: Buffer, extra: Partial<Exchange> = {}): Exchange {
  return {
    requestId: String(n),
    hop: 0,
    url,
    method: 'GET',
    requestHeaders: { 'User-Agent': 'Exhibit test', Accept: '*/*' },
    resourceType: 'Other',
    startedAt: Date.UTC(2026, 10, 28, 12, 0, n),
    startedMono: n,
    response: { url, status: 200, statusText: 'OK', headers: { 'Content-Type': mimeType, 'Content-Length': String(body.length), 'X-Note': 'café' }, mimeType, remoteIPAddress: '127.0.0.1', remotePort: 8080, protocol: 'http/1.1' },
    body,
    ...extra,
  } as Exchange;
}

/** Each gzip member's own bytes, found by inflating one member at a time: which records were deflated and which only stored. */
function members(file: Buffer): { compressed: number; raw: Buffer }[] {
  const out: { compressed: number; raw: Buffer }[] = [];
  let at = 0;
  while (at < file.length) {
    expect(file.subarray(at, at + 3)).toEqual(Buffer.from([0x1f, 0x8b, 0x08]));
    const flags = file[at + 3]!;
    expect(flags & 0x1e).toBe(0); // no extra fields, names or comments: the deflate data starts at byte 10
    const result = inflateRawSync(file.subarray(at + 10), { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    const length = 10 + result.engine.bytesWritten + 8;
    out.push({ compressed: length, raw: result.buffer });
    at += length;
  }
  return out;
}

describe('the WARC file', () => {
  it('carries payload and block digests that anyone can recompute from the raw records, and reads back in warcio', async () => {
    const exchanges = [
      exchange(1, 'http://127.0.0.1:8080/item/1', 'text/html', HTML),
      exchange(2, 'http://127.0.0.1:8080/img/1.jpg', 'image/jpeg', IMAGE),
      exchange(3, 'http://127.0.0.1:8080/api/reviews', 'application/json', Buffer.from('{"text":"4.5 stars"}'), { method: 'POST', postData: '{"page":1}' }),
    ];
    const file = await buildWarc(exchanges, { operator: 'Jane Roe' });

    // Raw records, split by their Content-Length: the digests are checked on the exact bytes written.
    const raw = gunzipSync(file);
    let at = 0;
    let checked = 0;
    while (at < raw.length) {
      const headEnd = raw.indexOf('\r\n\r\n', at);
      const head = raw.subarray(at, headEnd).toString('utf8');
      const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim();
      const length = Number(field('Content-Length'));
      const block = raw.subarray(headEnd + 4, headEnd + 4 + length);
      at = headEnd + 4 + length + 4; // the record ends with two CRLFs
      if (field('WARC-Type') === 'warcinfo') continue;
      const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
      expect(field('WARC-Block-Digest')).toBe(sha(block));
      const payload = block.subarray(block.indexOf('\r\n\r\n') + 4);
      expect(field('WARC-Payload-Digest')).toBe(sha(payload));
      checked++;
    }
    expect(checked).toBe(6);

    const records: { type?: string | null; url?: string | null; body: Buffer }[] = [];
    for await (const record of new WARCParser([file])) records.push({ type: record.warcType, url: record.warcTargetURI, body: Buffer.from(await record.readFully(true)) });
    expect(records.map((r) => r.type)).toEqual(['warcinfo', 'response', 'request', 'response', 'request', 'response', 'request']);
    expect(records[1]!.body.equals(HTML)).toBe(true);
    expect(records[3]!.body.equals(IMAGE)).toBe(true);
    expect(records[6]!.body.toString()).toBe('{"page":1}');
  });

  it('deflates text but only stores bodies that are compressed already, one gzip member per record', async () => {
    const file = await buildWarc([exchange(1, 'http://127.0.0.1:8080/item/1', 'text/html; charset=utf-8', HTML), exchange(2, 'http://127.0.0.1:8080/img/1.jpg', 'image/jpeg', IMAGE)], {});
    const [, html, , image] = members(file);
    expect(html!.compressed).toBeLessThan(html!.raw.length / 5);
    // A stored member: its bytes are the record's, plus the gzip and deflate framing.
    expect(image!.compressed).toBeGreaterThan(image!.raw.length);
    expect(image!.compressed - image!.raw.length).toBeLessThan(100);
  });
});
