import { err, ok, type Result } from '../util/result.js';

const UNITS: Record<string, number> = { m: 60, h: 3600, d: 86_400, w: 604_800 };
const NAMED: Record<string, number> = { hourly: 3600, daily: 86_400, weekly: 604_800 };

/** "daily", "weekly", "hourly" or a custom interval such as 12h, 3d, 90m, 2w; at least a minute. */
export function parseInterval(text: string): Result<number, string> {
  const t = text.trim().toLowerCase();
  if (Object.hasOwn(NAMED, t)) return ok(NAMED[t]!);
  const m = /^(\d{1,6})\s*([mhdw])$/.exec(t);
  if (!m) return err(`interval ${JSON.stringify(text)}: use daily, weekly, hourly, or a number with m, h, d or w (e.g. 12h, 3d)`);
  const seconds = Number(m[1]) * UNITS[m[2]!]!;
  if (seconds < 60) return err(`interval ${JSON.stringify(text)}: at least one minute`);
  return ok(seconds);
}

/** The interval as people say it: "daily", "every 12 h". */
export function describeInterval(seconds: number): string {
  for (const [name, s] of Object.entries(NAMED)) if (s === seconds) return name;
  for (const [unit, s] of Object.entries(UNITS).reverse()) if (seconds % s === 0) return `every ${seconds / s} ${unit}`;
  return `every ${seconds} s`;
}
