import type { JsonValue } from '../../util/canonical-json.js';
import type { CustodyDetails } from './strings.js';

/** Reading a custody entry's details, which older versions may have written with fewer fields. */

export function str(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function num(v: JsonValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function obj(v: JsonValue | undefined): CustodyDetails {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as CustodyDetails) : {};
}

export function list(v: JsonValue | undefined): JsonValue[] {
  return Array.isArray(v) ? v : [];
}

/** A long free text (a note) cut to a readable length: the whole is in the workspace. */
export function clip(text: string, max = 240): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** "12 h", "1 day", "7 days": a schedule's interval. */
export function interval(seconds: number | null, units: { h: string; day: (n: number) => string; min: string }): string {
  if (seconds === null) return '?';
  if (seconds % 86_400 === 0) return units.day(seconds / 86_400);
  if (seconds % 3600 === 0) return `${seconds / 3600} ${units.h}`;
  return `${Math.round(seconds / 60)} ${units.min}`;
}
