import type { JsonValue } from '../../util/canonical-json.js';
import type { StampStatus } from '../../workspace/timestamps.js';
import { fill, type DossierStrings } from '../i18n/index.js';
import { utc } from './format.js';

type TimeSource = { check?: { status?: string; server?: string; offsetMs?: number; roundTripMs?: number; reason?: string }; warning?: string | null };

function timeSourceOf(environment: Record<string, JsonValue> | null): TimeSource | null {
  return ((environment as { timeSource?: TimeSource } | null)?.timeSource ?? null) as TimeSource | null;
}

function seconds(ms: number, s: DossierStrings, digits = 3): string {
  const text = (Math.abs(ms) / 1000).toFixed(digits);
  return s.lang === 'fr' ? text.replace('.', ',') : text;
}

/** The capturing machine's clock as checked against NTP when its session began. */
export function clockLine(environment: Record<string, JsonValue> | null, s: DossierStrings): string {
  const c = timeSourceOf(environment)?.check;
  if (!c) return s.time.clockUnknown;
  if (c.status === 'checked' && typeof c.offsetMs === 'number') {
    return fill(s.time.clockChecked, { offset: seconds(c.offsetMs, s), direction: c.offsetMs > 0 ? s.time.behind : s.time.ahead, server: c.server ?? '—', rtt: Math.round(c.roundTripMs ?? 0) });
  }
  return fill(s.time.clockNotChecked, { reason: c.reason ? s.time.clockReason(c.reason) : '—' });
}

/** The warning a court must see when the machine's clock was more than 2 s off; null when it was not. */
export function clockWarning(environment: Record<string, JsonValue> | null, s: DossierStrings): string | null {
  const t = timeSourceOf(environment);
  const c = t?.check;
  if (!t?.warning || !c || typeof c.offsetMs !== 'number') return null;
  return fill(s.time.clockWarning, { offset: seconds(c.offsetMs, s, 1), direction: c.offsetMs > 0 ? s.time.behind : s.time.ahead, server: c.server ?? '—' });
}

/** One line per token: what it proves, by whom, and how far from the machine's clock; or why there is none. */
export function stampLines(stamp: StampStatus, finishedAt: string, s: DossierStrings): string[] {
  if (stamp.status === 'pending') return [s.time.pending];
  if (stamp.status === 'not-stamped') return [s.time.none];
  return stamp.tokens.map((t) => fill(s.time.existed, { time: utc(t.genTime), authority: t.authorityName, serial: t.serial, gap: gap(finishedAt, t.genTime, s), file: t.name }));
}

function gap(machineIso: string, authorityIso: string, s: DossierStrings): string {
  const ms = Date.parse(authorityIso) - Date.parse(machineIso);
  const abs = Math.abs(ms);
  const amount = abs < 120_000 ? `${seconds(abs, s, 1)} s` : abs < 7_200_000 ? `${seconds(abs / 60, s, 1)} min` : `${seconds(abs / 3600, s, 1)} h`;
  return fill(ms < 0 ? s.time.gapBefore : s.time.gapAfter, { amount });
}

/** The key's first time-stamp, for the verification section. */
export function keyStampLine(stamp: StampStatus, s: DossierStrings): string {
  if (stamp.status !== 'stamped') return s.time.keyPending;
  const first = [...stamp.tokens].sort((a, b) => (a.genTime < b.genTime ? -1 : 1))[0]!;
  return fill(s.time.keyStamped, { time: utc(first.genTime), authority: first.authorityName, serial: first.serial });
}
