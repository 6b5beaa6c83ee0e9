import type { FieldValue } from '../api/types.js';

/** Evidence times are shown in UTC, to the second, as the manifests record them. */
export function utc(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** A time an authority vouches for, to the millisecond it was recorded with: rounding it would change what is claimed. */
export function utcPrecise(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().slice(0, 23).replace('T', ' ');
}

/** The same moment on this computer's clock face, with its zone: for reading, the UTC time stays the reference. */
export function localTime(iso: string | null | undefined, locale: string, precise = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    ...(precise ? { fractionalSecondDigits: 3 as const } : {}),
    timeZoneName: 'short',
  });
}

/** Just the date, for dense lists. */
export function utcDate(iso: string | null | undefined): string {
  return iso ? utc(iso).slice(0, 10) : '—';
}

export function bytes(n: number, locale: string): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString(locale, { maximumFractionDigits: 1 })} ${units[i]}`;
}

export function fieldText(v: FieldValue | null | undefined): string {
  if (v === null || v === undefined) return '';
  return Array.isArray(v) ? v.join('\n') : v;
}

export const sellerLabel = (s: { marketplace: string; sellerKey: string }) => `${s.marketplace}:${s.sellerKey}`;

export function price(p: string | null, currency: string | null): string {
  if (!p) return '—';
  return currency ? `${p} ${currency}` : p;
}
