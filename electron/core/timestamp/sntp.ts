import { createSocket, type Socket } from 'node:dgram';
import { Resolver } from 'node:dns';
import { isIP, isIPv6 } from 'node:net';
import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../util/result.js';

export type ClockCheck =
  // offsetMs > 0: our clock is behind the server's. at: ISO UTC, by our clock, when the answer arrived.
  | { status: 'checked'; server: string; offsetMs: number; roundTripMs: number; stratum: number; at: string }
  | { status: 'not-checked'; reason: string; at: string };

export const DEFAULT_NTP_SERVERS = ['time.cloudflare.com', 'pool.ntp.org', 'time.google.com'];

const NTP_UNIX_OFFSET_S = 2_208_988_800; // seconds from 1900-01-01 to 1970-01-01
const TWO_32 = 2 ** 32;
const MAX_ADDRESSES_PER_FAMILY = 4; // pools return several; a few suffice

/** 'host', 'host:port', '[v6]', '[v6]:port' or a bare IPv6 address; port 123 unless given. */
export function parseNtpServer(s: string): Result<{ host: string; port: number }, string> {
  if (s.length === 0) return err('NTP server is empty');
  if (/\s/.test(s)) return err(`NTP server "${s}" contains a space`);
  let host = s;
  let portText: string | undefined;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return err(`NTP server "${s}" has no closing "]"`);
    host = s.slice(1, close);
    const rest = s.slice(close + 1);
    if (!isIPv6(host)) return err(`NTP server "${s}": "${host}" is not an IPv6 address`);
    if (rest !== '') {
      if (!rest.startsWith(':')) return err(`NTP server "${s}": unexpected "${rest}" after "]"`);
      portText = rest.slice(1);
    }
  } else if (isIPv6(s)) {
    return ok({ host: s, port: 123 });
  } else {
    const colon = s.lastIndexOf(':');
    if (colon >= 0) {
      if (s.indexOf(':') !== colon) return err(`NTP server "${s}": write an IPv6 address with a port as [address]:port`);
      host = s.slice(0, colon);
      portText = s.slice(colon + 1);
    }
    if (host === '') return err(`NTP server "${s}" has no host name`);
    if (!isIP(host) && !validHostName(host)) return err(`NTP server "${s}": "${host}" is not a valid host name`);
  }
  if (portText === undefined) return ok({ host, port: 123 });
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) return err(`NTP server "${s}": port must be a whole number from 1 to 65535`);
  return ok({ host, port });
}

function validHostName(h: string): boolean {
  const name = h.endsWith('.') ? h.slice(0, -1) : h;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(label));
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** NTP timestamp → Unix ms; a clear top bit means era 1 (after 2036), per RFC 4330 §3. */
function ntpToMs(b: Buffer, at: number): number {
  const sec = b.readUInt32BE(at);
  const era = sec & 0x8000_0000 ? 0 : TWO_32;
  return (sec + era - NTP_UNIX_OFFSET_S) * 1000 + (b.readUInt32BE(at + 4) / TWO_32) * 1000;
}

type Reply = { offsetMs: number; roundTripMs: number; stratum: number; at: number };
/** 'ignore': could be forged or stray, so keep listening; a string: this address failed. */
type Verdict = Reply | 'ignore' | string;

function judge(msg: Buffer, sent: Buffer, t1: number, t4: number): Verdict {
  if (msg.length < 48) return 'ignore';
  if (!msg.subarray(24, 32).equals(sent)) return 'ignore';
  const li = msg[0]! >> 6;
  const version = (msg[0]! >> 3) & 7;
  const mode = msg[0]! & 7;
  const stratum = msg[1]!;
  if (mode !== 4) return `invalid reply (mode ${mode})`;
  if (version !== 3 && version !== 4) return `invalid reply (version ${version})`;
  if (stratum === 0) return `kiss-o'-death (${msg.subarray(12, 16).toString('latin1').replace(/[^\x20-\x7e]/g, '?')})`;
  if (li === 3) return 'server unsynchronised (leap indicator 3)';
  if (stratum > 15) return `invalid reply (stratum ${stratum})`;
  if (msg.readUInt32BE(40) === 0 && msg.readUInt32BE(44) === 0) return 'invalid reply (zero transmit timestamp)';
  const t2 = ntpToMs(msg, 32);
  const t3 = ntpToMs(msg, 40);
  // Rounded to 0.1 ms: server stamps are finer than that, ours are whole ms by default.
  const round = (x: number) => Math.round(x * 10) / 10;
  return { offsetMs: round((t2 - t1 + (t3 - t4)) / 2), roundTripMs: round(Math.max(0, t4 - t1 - (t3 - t2))), stratum, at: t4 };
}

type Target = { name: string; failures: Set<string>; best?: Reply };

/**
 * Asks every server at once and keeps the valid answer with the smallest round trip
 * (the least delay-skewed offset). Ends when every address has settled or at timeoutMs, whichever is first.
 */
export async function checkClock(servers: readonly string[], o: { timeoutMs?: number; now?: () => number } = {}): Promise<ClockCheck> {
  const timeoutMs = o.timeoutMs ?? 1000;
  const now = o.now ?? Date.now;
  if (servers.length === 0) return { status: 'not-checked', reason: 'no NTP server configured', at: new Date(now()).toISOString() };

  // A cancellable resolver, unlike dns.lookup: a slow lookup must not outlive the check.
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  const sockets = new Set<Socket>();
  const expiries: (() => void)[] = [];
  const targets: Target[] = servers.map((name) => ({ name, failures: new Set<string>() }));
  let pending = 0;
  let done = false;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const settle = () => {
    if (--pending === 0) finish();
  };
  const timer = setTimeout(finish, timeoutMs);

  const query = (t: Target, address: string, port: number) => {
    pending++;
    const socket = createSocket(isIPv6(address) ? 'udp6' : 'udp4');
    sockets.add(socket);
    const sent = Buffer.alloc(8);
    let t1 = 0;
    let ignored = false;
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      t.failures.add(why);
      settle();
    };
    socket.on('error', (e: NodeJS.ErrnoException) => fail(`network error (${e.code ?? e.message})`));
    socket.on('message', (msg) => {
      if (settled || done) return;
      const verdict = judge(msg, sent, t1, now());
      if (verdict === 'ignore') ignored = true;
      else if (typeof verdict === 'string') fail(verdict);
      else {
        settled = true;
        if (!t.best || verdict.roundTripMs < t.best.roundTripMs) t.best = verdict;
        settle();
      }
    });
    expiries.push(() => fail(ignored ? `no valid answer within ${seconds(timeoutMs)} (replies did not match our request)` : `no answer within ${seconds(timeoutMs)}`));
    socket.once('connect', () => {
      if (done) return;
      const request = Buffer.alloc(48);
      request[0] = (0 << 6) | (4 << 3) | 3; // LI 0, version 4, mode 3 (client)
      t1 = now();
      request.writeUInt32BE((Math.floor(t1 / 1000) + NTP_UNIX_OFFSET_S) % TWO_32, 40);
      randomBytes(4).copy(request, 44); // random fraction: a blind spoofer cannot guess what to echo
      request.copy(sent, 0, 40, 48);
      socket.send(request, (e: NodeJS.ErrnoException | null) => {
        if (e) fail(`network error (${e.code ?? e.message})`);
      });
    });
    socket.connect(port, address); // connected: the kernel drops datagrams from any other source
  };

  const resolve = (t: Target) => {
    const parsed = parseNtpServer(t.name);
    if (!parsed.ok) return void t.failures.add(parsed.error);
    const { host, port } = parsed.value;
    if (isIP(host)) return query(t, host, port);
    if (host.toLowerCase() === 'localhost') return query(t, '127.0.0.1', port);
    pending++;
    let left = 2;
    expiries.push(() => {
      if (left > 0) t.failures.add(`DNS lookup not finished within ${seconds(timeoutMs)}`);
    });
    const found: string[] = [];
    const codes: string[] = [];
    const each = (e: NodeJS.ErrnoException | null, addresses: string[] | undefined) => {
      if (e) codes.push(e.code ?? e.message);
      else found.push(...(addresses ?? []).slice(0, MAX_ADDRESSES_PER_FAMILY));
      if (--left > 0 || done) return;
      if (found.length === 0) t.failures.add(`DNS lookup failed (${codes.find((c) => c !== 'ENODATA') ?? codes[0] ?? 'no address'})`);
      for (const a of found) query(t, a, port);
      settle();
    };
    resolver.resolve4(host, each);
    resolver.resolve6(host, each);
  };

  pending++; // held until every query has started, so an early failure cannot end the check
  for (const t of targets) resolve(t);
  settle();
  await finished;

  clearTimeout(timer);
  done = true;
  for (const expire of expiries) expire();
  const closing = [...sockets].map((s) => new Promise<void>((r) => s.close(() => r())));
  resolver.cancel();
  await Promise.all(closing);

  const best = targets.filter((t) => t.best).sort((a, b) => a.best!.roundTripMs - b.best!.roundTripMs)[0];
  if (best?.best) {
    const { offsetMs, roundTripMs, stratum, at } = best.best;
    return { status: 'checked', server: best.name, offsetMs, roundTripMs, stratum, at: new Date(at).toISOString() };
  }
  const reason = targets.map((t) => `${t.name}: ${[...t.failures].join(' / ') || 'no answer'}`).join('; ');
  return { status: 'not-checked', reason, at: new Date(now()).toISOString() };
}
