import { checkClock, DEFAULT_NTP_SERVERS, type ClockCheck } from './sntp.js';

/** Beyond this, the machine's clock is flagged on the capture (not refused: the authority's time still stands). */
export const CLOCK_WARNING_MS = 2000;

/** The NTP servers a workspace asks: its setting, or the defaults when empty; "none" asks none. */
export function ntpServerList(setting: string): string[] {
  const text = setting.trim();
  if (text === '') return [...DEFAULT_NTP_SERVERS];
  if (text.toLowerCase() === 'none') return [];
  return text.split(/[\s,]+/).filter((s) => s !== '');
}

/** The clock as checked at the start of a capture session, with the warning a court should see. */
export interface ClockRecord {
  check: ClockCheck;
  warning: string | null;
}

export async function checkSessionClock(ntpServers: string): Promise<ClockRecord> {
  const check = await checkClock(ntpServerList(ntpServers));
  return { check, warning: clockWarning(check) };
}

export function clockWarning(c: ClockCheck): string | null {
  if (c.status !== 'checked' || Math.abs(c.offsetMs) <= CLOCK_WARNING_MS) return null;
  const seconds = (Math.abs(c.offsetMs) / 1000).toFixed(1);
  return `the machine's clock was ${seconds} s ${c.offsetMs > 0 ? 'behind' : 'ahead of'} ${c.server} (NTP) when this session began`;
}

/**
 * The clock check for a long-lived session (the desktop app's browser
 * panel): checked at the first capture, then again when the last check is
 * older than maxAgeMs or the servers changed.
 */
export class SessionClock {
  private last: { servers: string; at: number; record: Promise<ClockRecord> } | null = null;

  constructor(private readonly maxAgeMs = 10 * 60_000) {}

  get(ntpServers: string): Promise<ClockRecord> {
    const now = Date.now();
    if (!this.last || this.last.servers !== ntpServers || now - this.last.at > this.maxAgeMs) {
      this.last = { servers: ntpServers, at: now, record: checkSessionClock(ntpServers) };
    }
    return this.last.record;
  }
}
