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

/** "1.2 s after", "0.4 s before", "3.0 days after": where the authority's time falls against the machine's. */
export function describeGap(machineIso: string, authorityIso: string): string {
  const ms = Date.parse(authorityIso) - Date.parse(machineIso);
  const abs = Math.abs(ms);
  const amount = abs < 60_000 ? `${(abs / 1000).toFixed(1)} s` : abs < 3_600_000 ? `${(abs / 60_000).toFixed(1)} min` : abs < 172_800_000 ? `${(abs / 3_600_000).toFixed(1)} h` : `${(abs / 86_400_000).toFixed(1)} days`;
  return `${amount} ${ms < 0 ? 'before' : 'after'}`;
}
