import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * What an operator cannot easily change between accounts, written one way
 * only, so that two pages that say the same thing in two ways compare equal:
 * "+49 30 1234567" and "030-123 45 67" on a German seller's page are one
 * number. Each function returns null for a value that is not one of its kind.
 */
export const IDENTIFIER_KINDS = ['vat', 'company', 'email', 'phone', 'address', 'website', 'chat', 'image', 'text'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** E.164, read with the seller's country as the default region for numbers written nationally. */
export function normalisePhone(raw: string, country?: string | null): string | null {
  const region = country && /^[A-Za-z]{2}$/.test(country) ? (country.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), region);
  return parsed?.isPossible() ? parsed.number : null;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[a-z]{2,}$/i;

export function normaliseEmail(raw: string): string | null {
  const e = raw.trim().replace(/^mailto:/i, '').toLowerCase();
  return EMAIL.test(e) ? e : null;
}

/** EU VAT prefixes: Greece writes EL, not GR. */
const VAT_PREFIX = /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|CH|NO)/;

/** A VAT number without spaces, dots or dashes, upper case, with its country prefix (the seller's country when the page leaves it out). */
export function normaliseVat(raw: string, country?: string | null): string | null {
  const v = raw.toUpperCase().replace(/[\s.\-/]/g, '');
  if (!/^[A-Z0-9]{6,16}$/.test(v) || !/\d{4}/.test(v)) return null;
  if (VAT_PREFIX.test(v)) return v;
  const c = country?.toUpperCase() === 'GR' ? 'EL' : country?.toUpperCase();
  return c && /^[A-Z]{2}$/.test(c) && /^\d/.test(v) ? `${c}${v}` : v;
}

/** A company registration number (HRB 12345, SIREN, Companies House…): letters and digits only, upper case, with the registry's country. */
export function normaliseCompanyNumber(raw: string, country?: string | null): string | null {
  const v = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (v.length < 4 || v.length > 24 || !/\d{3}/.test(v)) return null;
  const c = country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : '';
  return c ? `${c}:${v}` : v;
}

/** A website by its host, without "www.": two shops pointing at the same site. */
export function normaliseWebsite(raw: string): string | null {
  const t = raw.trim();
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`);
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

const ADDRESS_WORDS: Record<string, string> = {
  strasse: 'str',
  straße: 'str',
  str: 'str',
  street: 'st',
  st: 'st',
  avenue: 'ave',
  ave: 'ave',
  road: 'rd',
  rd: 'rd',
  rue: 'rue',
  floor: 'fl',
  fl: 'fl',
  room: 'rm',
  rm: 'rm',
};

/** A postal address as comparable text: lower case, accents and punctuation gone, common street words abbreviated one way. */
export function normaliseAddress(raw: string): string | null {
  const words = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/straße/g, 'strasse')
    .replace(/(\p{L})(strasse|str)\b\.?/gu, '$1 str')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => ADDRESS_WORDS[w] ?? w);
  const text = words.join(' ');
  return words.length >= 2 && /\d/.test(text) ? text : null;
}

export interface FoundInText {
  kind: 'phone' | 'email' | 'chat' | 'website';
  value: string;
  raw: string;
}

const CHAT = /\b(whats\s?app|wechat|weixin|telegram|line|wa)\b\s*(?:id|number|no\.?|nr\.?)?\s*[:：]?\s*(@?[A-Za-z0-9_.+\-() ]{3,32}[A-Za-z0-9])/gi;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE_IN_TEXT = /(?:\+|00)?\d[\d\s().\-/]{6,18}\d/g;
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;

/**
 * Contact details written into a listing's text or description, where
 * marketplaces forbid them and operators put them anyway: chat handles
 * (WhatsApp, WeChat, Telegram, Line), e-mail addresses, web sites and phone numbers.
 */
export function contactsInText(text: string, country?: string | null): FoundInText[] {
  const out: FoundInText[] = [];
  const seen = new Set<string>();
  const add = (f: FoundInText) => {
    const key = `${f.kind}:${f.value}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(f);
    }
  };
  for (const m of text.matchAll(CHAT)) {
    const app = chatApp(m[1]!);
    const handle = m[2]!.trim();
    const asPhone = /^[+\d][\d\s().-]+$/.test(handle) ? normalisePhone(handle, country) : null;
    if (asPhone) add({ kind: 'phone', value: asPhone, raw: m[0] });
    else add({ kind: 'chat', value: `${app}:${handle.replace(/^@/, '').toLowerCase()}`, raw: m[0] });
  }
  for (const m of text.matchAll(EMAIL_IN_TEXT)) {
    const e = normaliseEmail(m[0]);
    if (e) add({ kind: 'email', value: e, raw: m[0] });
  }
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const h = normaliseWebsite(m[0].replace(/[.,;:!?)]+$/, ''));
    if (h) add({ kind: 'website', value: h, raw: m[0] });
  }
  for (const m of text.matchAll(PHONE_IN_TEXT)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 8) continue;
    const p = normalisePhone(m[0].replace(/^00/, '+'), country);
    if (p) add({ kind: 'phone', value: p, raw: m[0].trim() });
  }
  return out;
}

function chatApp(word: string): string {
  const w = word.toLowerCase().replace(/\s/g, '');
  if (w === 'whatsapp' || w === 'wa') return 'whatsapp';
  if (w === 'wechat' || w === 'weixin') return 'wechat';
  return w;
}
