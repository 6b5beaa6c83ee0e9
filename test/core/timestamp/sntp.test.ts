import { afterEach, describe, expect, it } from 'vitest';
import { checkClock, parseNtpServer } from '../../../electron/core/timestamp/sntp.js';
import { startSntpServer, type SntpServer } from '../../helpers/sntp-server.js';

const servers: SntpServer[] = [];
const server = async (o: Parameters<typeof startSntpServer>[0] = {}) => {
  const s = await startSntpServer(o);
  servers.push(s);
  return s;
};

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; elapsed: number }> => {
  const started = Date.now();
  const result = await work();
  return { result, elapsed: Date.now() - started };
};

describe('checkClock', () => {
  it('measures a server 5 s ahead, names it, and stamps when it checked', async () => {
    const ahead = await server({ offsetMs: 5000 });
    const before = Date.now();
    const check = await checkClock([ahead.address]);
    expect(check).toMatchObject({ status: 'checked', server: ahead.address, stratum: 2 });
    if (check.status !== 'checked') return;
    expect(Math.abs(check.offsetMs - 5000)).toBeLessThan(50);
    expect(check.roundTripMs).toBeGreaterThanOrEqual(0);
    expect(check.roundTripMs).toBeLessThan(50);
    expect(Date.parse(check.at)).toBeGreaterThanOrEqual(before);
    expect(check.at).toMatch(/Z$/);
    expect(ahead.received).toBe(1);
  });

  it('finds a server in step with us in step, and uses the clock it is given', async () => {
    const inStep = await server();
    const check = await checkClock([inStep.address]);
    expect(check.status === 'checked' && Math.abs(check.offsetMs)).toBeLessThan(50);
    // Our own clock 3 s fast reads as the server 3 s behind.
    const fast = await checkClock([inStep.address], { now: () => Date.now() + 3000 });
    expect(fast.status === 'checked' && fast.offsetMs).toBeCloseTo(-3000, -2);
  });

  it('gives up on a silent server within about a second, naming it', async () => {
    const silent = await server({ mode: 'silent' });
    const { result, elapsed } = await timed(() => checkClock([silent.address]));
    expect(elapsed).toBeLessThan(1500);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(silent.received).toBe(1);
    expect(result).toMatchObject({ status: 'not-checked', reason: `${silent.address}: no answer within 1 s` });
  });

  it('refuses kiss-o\'-death, forged-looking and unsynchronised replies, saying why', async () => {
    const kiss = await server({ mode: 'kiss' });
    const forged = await server({ mode: 'wrong-origin' });
    const unsync = await server({ mode: 'unsynchronised' });
    const check = await checkClock([kiss.address, forged.address, unsync.address], { timeoutMs: 300 });
    expect(check.status).toBe('not-checked');
    if (check.status !== 'not-checked') return;
    expect(check.reason).toBe(
      `${kiss.address}: kiss-o'-death (RATE); ` +
        `${forged.address}: no valid answer within 300 ms (replies did not match our request); ` +
        `${unsync.address}: server unsynchronised (leap indicator 3)`,
    );
  });

  it('uses the good server when another answers badly, and the closer of two good ones', async () => {
    const good = await server({ offsetMs: 1000 });
    for (const mode of ['kiss', 'wrong-origin', 'unsynchronised', 'silent'] as const) {
      const bad = await server({ mode });
      const check = await checkClock([bad.address, good.address], { timeoutMs: 300 });
      expect(check, mode).toMatchObject({ status: 'checked', server: good.address });
    }
    // Both answer in time; the one 100 ms further away gives the less trustworthy offset.
    const far = await server({ offsetMs: 1000, delayMs: 100 });
    const check = await checkClock([far.address, good.address]);
    expect(check).toMatchObject({ status: 'checked', server: good.address });
    expect(far.received).toBe(1);
    const farOnly = await checkClock([far.address]);
    expect(farOnly.status === 'checked' && farOnly.roundTripMs).toBeGreaterThanOrEqual(90);
  });

  it('answers as soon as every server has answered, and a server switched mid-way is judged as it is now', async () => {
    const s = await server();
    const { result, elapsed } = await timed(() => checkClock([s.address]));
    expect(result.status).toBe('checked');
    expect(elapsed).toBeLessThan(300);
    s.setMode('kiss');
    expect(await checkClock([s.address])).toMatchObject({ status: 'not-checked' });
    s.setMode('ok');
    s.setOffset(-2000);
    const back = await checkClock([s.address]);
    expect(back.status === 'checked' && back.offsetMs).toBeCloseTo(-2000, -2);
  });

  it('treats an unknown host name as that server\'s failure only, and answers quickly', async () => {
    const good = await server();
    const { result, elapsed } = await timed(() => checkClock(['no-such-host.invalid', good.address]));
    expect(result).toMatchObject({ status: 'checked', server: good.address });
    expect(elapsed).toBeLessThan(1500);
    const alone = await checkClock(['no-such-host.invalid', 'bad port:x']);
    expect(alone.status === 'not-checked' && alone.reason).toMatch(
      /^no-such-host\.invalid: DNS lookup (failed \(E[A-Z]+\)|not finished within 1 s); bad port:x: NTP server "bad port:x" contains a space$/,
    );
  });

  it('says so when no server is configured', async () => {
    const check = await checkClock([]);
    expect(check).toMatchObject({ status: 'not-checked', reason: 'no NTP server configured' });
    expect(Number.isNaN(Date.parse(check.at))).toBe(false);
  });
});

describe('parseNtpServer', () => {
  it('accepts a host, a host and port, and IPv6 with or without brackets', () => {
    expect(parseNtpServer('pool.ntp.org')).toEqual({ ok: true, value: { host: 'pool.ntp.org', port: 123 } });
    expect(parseNtpServer('127.0.0.1:5123')).toEqual({ ok: true, value: { host: '127.0.0.1', port: 5123 } });
    expect(parseNtpServer('[::1]:123')).toEqual({ ok: true, value: { host: '::1', port: 123 } });
    expect(parseNtpServer('[2001:db8::1]')).toEqual({ ok: true, value: { host: '2001:db8::1', port: 123 } });
    expect(parseNtpServer('::1')).toEqual({ ok: true, value: { host: '::1', port: 123 } });
    expect(parseNtpServer('time.example.')).toEqual({ ok: true, value: { host: 'time.example.', port: 123 } });
  });

  it('refuses empty text, spaces, bad ports and malformed hosts with a clear message', () => {
    const refusal = (s: string) => {
      const r = parseNtpServer(s);
      return r.ok ? 'accepted' : r.error;
    };
    expect(refusal('')).toBe('NTP server is empty');
    expect(refusal(' pool.ntp.org')).toBe('NTP server " pool.ntp.org" contains a space');
    expect(refusal('time .example')).toMatch(/contains a space/);
    for (const bad of ['host:0', 'host:65536', 'host:', 'host:12a', 'host:-1', '[::1]:99999']) {
      expect(refusal(bad), bad).toBe(`NTP server "${bad}": port must be a whole number from 1 to 65535`);
    }
    expect(refusal(':123')).toBe('NTP server ":123" has no host name');
    expect(refusal('[::1')).toBe('NTP server "[::1" has no closing "]"');
    expect(refusal('[nope]:1')).toBe('NTP server "[nope]:1": "nope" is not an IPv6 address');
    expect(refusal('[::1]x')).toMatch(/unexpected "x" after "\]"/);
    expect(refusal('a:b:c')).toMatch(/\[address\]:port/);
    for (const bad of ['exa_mple/x', '-lead.example', 'a..b', 'http://x']) expect(refusal(bad), bad).not.toBe('accepted');
  });
});
