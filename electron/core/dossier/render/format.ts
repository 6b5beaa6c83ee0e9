import { moment } from '../../capture/environment.js';
import { fill, type DossierStrings } from '../i18n/index.js';

/** "2026-11-28 17:02:03.456 UTC" */
export function utc(iso: string): string {
  return iso.replace('T', ' ').replace('Z', ' UTC');
}

/** "2026-11-28 18:02:03.456 (UTC+01:00)" from a recorded local time like 2026-11-28T18:02:03.456+01:00 */
export function local(localIso: string | undefined): string {
  if (!localIso) return '';
  const m = /^(.*?)([+-]\d\d:\d\d)$/.exec(localIso);
  return m ? `${m[1]!.replace('T', ' ')} (UTC${m[2]})` : localIso.replace('T', ' ');
}

export function both(utcIso: string, localIso: string | undefined): string {
  const l = local(localIso);
  return l ? `${utc(utcIso)} — ${l}` : utc(utcIso);
}

export function nowBoth(d: Date): string {
  const m = moment(d);
  return both(m.utc, m.local);
}

export function day(iso: string): string {
  return iso.slice(0, 10);
}

export function bytes(n: number, s: DossierStrings): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const text = u === 0 ? String(v) : v.toFixed(1);
  return `${s.lang === 'fr' ? text.replace('.', ',') : text} ${s.lang === 'fr' ? ['o', 'ko', 'Mo', 'Go'][u] : units[u]}`;
}

export function outcome(o: string, s: DossierStrings): string {
  return s.outcomes[o] ?? o;
}

export function fieldValue(v: string | string[]): string {
  return Array.isArray(v) ? v.join('\n') : v;
}

/** "2.4%", "2,4 %": a share from 0 to 1. A difference too small to show at one decimal is "< 0.1%", never "0.0%". */
export function percent(share: number, s: DossierStrings): string {
  const p = share * 100;
  const text = share === 0 ? '0' : p < 0.1 ? '< 0.1' : p.toFixed(1);
  return s.lang === 'fr' ? `${text.replace('.', ',')}\u00a0%` : `${text}%`;
}

/**
 * A price as recorded ("1234.56 EUR") written the reader's way: "1,234.56
 * EUR", "1 234,56 EUR". Only the separators change: the digits, the
 * decimals and the ISO code stay exactly as recorded (a "$" could be any of
 * a dozen currencies). Anything else (a range, a price with words) is
 * printed as recorded.
 */
export function amount(recorded: string, s: DossierStrings): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?((?:\s+[A-Z]{3})?)$/.exec(recorded.trim());
  if (!m) return recorded;
  const [, sign, whole, fraction, code] = m;
  const [group, decimal] = s.lang === 'fr' ? ['\u00a0', ','] : [',', '.'];
  const grouped = whole!.replace(/\B(?=(\d{3})+$)/g, group);
  return `${sign}${grouped}${fraction !== undefined ? `${decimal}${fraction}` : ''}${code ? `\u00a0${code.trim()}` : ''}`;
}

/**
 * A listing field's value as the dossier prints it: availability in words
 * of the dossier's language, a price with the reader's decimal sign (its
 * digits as recorded), anything else as recorded.
 */
export function displayValue(field: string, v: string | string[], s: DossierStrings): string {
  if (Array.isArray(v)) return v.join('\n');
  if (field === 'availability') return (s.exhibit.availability as Record<string, string>)[v] ?? v;
  if (field === 'price') return amount(v, s);
  return v;
}

/** Where a value was found, in words: "page element: h1.x-item-title", "adresse de la page : /itm/{item}". */
export function sourceText(kind: string, detail: string, s: DossierStrings): string {
  return fill(s.exhibit.sourceFormat, { kind: (s.exhibit.sourceKinds as Record<string, string>)[kind] ?? kind, detail: s.exhibit.sourceDetail(kind, detail) });
}

/** A correction's reason: Exhibit's own words in the dossier's language, a person's as typed. */
export function reasonText(reason: string, s: DossierStrings): string {
  return s.exhibit.knownReasons[reason] ?? reason;
}
