import { stampStatus, type StampStatus } from '../core/workspace/timestamps.js';
import type { Db } from '../core/workspace/db.js';

export interface StampEntry {
  status: 'stamped' | 'pending' | 'not-stamped';
  name: string | null;
  authority: string | null;
  authorityUrl: string | null;
  genTime: string | null;
  serial: string | null;
  /** when it is pending: since when, how many tries, the last failure */
  queuedAt?: string;
  attempts?: number;
  lastError?: string | null;
}

/** The `timestamps` list of --json output: one entry per token, or one saying why there is none yet. */
export function stampEntries(s: StampStatus): StampEntry[] {
  if (s.status === 'stamped') {
    return s.tokens.map((t) => ({ status: 'stamped', name: t.name, authority: t.authorityName, authorityUrl: t.authorityUrl, genTime: t.genTime, serial: t.serial }));
  }
  const none = { name: null, authority: null, authorityUrl: null, genTime: null, serial: null };
  if (s.status === 'pending') return [{ status: 'pending', ...none, queuedAt: s.queuedAt, attempts: s.attempts, lastError: s.lastError }];
  return [{ status: 'not-stamped', ...none }];
}

export async function timestampList(db: Db, captureId: string): Promise<StampEntry[]> {
  return stampEntries(await stampStatus(db, 'capture', captureId));
}

export function describeStampShort(s: StampStatus): string {
  if (s.status === 'stamped') return s.tokens.map((t) => `existed no later than ${t.genTime} (${t.authorityName}, serial ${t.serial})`).join('; ');
  if (s.status === 'pending') return `time-stamp pending since ${s.queuedAt}${s.lastError ? ` (last try: ${s.lastError})` : ''}`;
  return 'not time-stamped (made before Exhibit stamped captures)';
}

/** "+1.2 s", "-3 min": how much later the authority's time is than the machine's. */
export function formatGap(fromIso: string, toIso: string): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '+';
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
  if (abs < 3_600_000) return `${sign}${(abs / 60_000).toFixed(1)} min`;
  if (abs < 172_800_000) return `${sign}${(abs / 3_600_000).toFixed(1)} h`;
  return `${sign}${(abs / 86_400_000).toFixed(1)} days`;
}
