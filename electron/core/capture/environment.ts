import { spawnSync } from 'node:child_process';
import { arch, hostname, platform, release, type, version as osVersion, userInfo } from 'node:os';
import { exhibitVersion } from '../version.js';
import type { ClockRecord } from '../timestamp/clock.js';

export interface Moment {
  utc: string;
  local: string;
}

/** The same instant in UTC and as a local time with its offset (e.g. 2026-11-28T17:02:03.456+01:00). */
export function moment(date: Date): Moment {
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000).toISOString().replace('Z', '');
  const sign = offset >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return { utc: date.toISOString(), local: `${local}${sign}${hh}:${mm}` };
}

let ntpCache: boolean | null | undefined;

/** Whether the system clock says it is synchronised (Linux with systemd only; null when unknown). */
function ntpSynchronized(): boolean | null {
  if (ntpCache !== undefined) return ntpCache;
  ntpCache = null;
  if (process.platform === 'linux') {
    const r = spawnSync('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'], { encoding: 'utf8', timeout: 2000 });
    if (r.status === 0) ntpCache = r.stdout.trim() === 'yes';
  }
  return ntpCache;
}

export interface EnvironmentInput {
  browser: { product: string; userAgent: string; executablePath: string; source: string };
  viewport: { width: number; height: number; deviceScaleFactor: number };
  proxy: string | null;
  /** certificates accepted without an authority (base64 SHA-256 of their public keys) */
  trustedSpki: string[];
  profile: { kind: 'clean' } | { kind: 'persistent'; name: string };
  investigator: { name: string; organisation: string };
  /** the clock checked against NTP when the session began; absent: not checked, and the record says so */
  clock?: ClockRecord;
  started: Date;
  finished: Date;
}

/** The environment record: what a court needs to know about how the capture was made. */
export function environmentRecord(e: EnvironmentInput) {
  let osUser = 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // no passwd entry: keep "unknown"
  }
  return {
    exhibitVersion: exhibitVersion(),
    nodeVersion: process.version,
    browser: e.browser,
    viewport: e.viewport,
    os: { platform: platform(), type: type(), release: release(), version: osVersion(), arch: arch() },
    hostname: hostname(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    started: moment(e.started),
    finished: moment(e.finished),
    timeSource: {
      clock: 'system clock of the capturing machine',
      ntpSynchronized: ntpSynchronized(),
      check: e.clock?.check ?? { status: 'not-checked', reason: 'no NTP check was made for this capture session', at: e.started.toISOString() },
      warning: e.clock?.warning ?? null,
    },
    network: { proxy: e.proxy, certificatesTrustedWithoutAuthority: e.trustedSpki },
    profile: e.profile.kind === 'clean' ? { kind: 'clean', description: 'a fresh browser context: empty cache, no cookies, no storage' } : { kind: 'persistent', name: e.profile.name, description: 'a persistent profile: cookies and logins kept between captures' },
    investigator: { ...e.investigator, osUser },
  };
}
