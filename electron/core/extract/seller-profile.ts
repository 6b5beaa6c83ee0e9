import type { AnyNode } from 'domhandler';
import { load, type CheerioAPI } from 'cheerio/slim';
import { PROFILE_READERS, type ProfileReader } from './profile-readers.js';
import { LABELS, type LabelRule, type ProfileField } from './seller-profile-fields.js';
import { normaliseSpace } from './text.js';

/**
 * The trader details a seller's page discloses (EU Digital Services Act
 * art. 30, US INFORM Act): name, address, phone, e-mail, VAT and
 * registration numbers, web site; and the feedback line where there is one.
 * Marketplaces lay these out as "Label: value" rows or a label followed by
 * lines of value (Amazon's address), in the site's language: labels are
 * read in English, French and German, and a marketplace with a layout of
 * its own (AliExpress, Taobao/Tmall, Etsy) by its reader
 * (profile-readers.ts). Pure: it reads the page it is given.
 */
export { PROFILE_FIELDS, type ProfileField } from './seller-profile-fields.js';

export interface ProfileValue {
  value: string;
  /** the label it was read under, as the page wrote it, and the block it was in */
  source: string;
}

export type SellerProfile = { [F in ProfileField]?: ProfileValue } & {
  /** ISO 3166 alpha-2, from the address's last line or the VAT prefix: the default region for phone numbers */
  country?: string;
};

/** Where each marketplace keeps the block; the whole page when none is found. */
const BLOCKS = [
  '#page-section-detail-seller-info',
  '#seller-profile-container',
  '[data-testid="business-seller-info"]',
  '.str-business-details',
  '.business-seller-info',
  '#business-seller-info',
  '.store-info-business',
  '[data-region="shop-legal-info"]',
  '.shop-business-info',
  '.trader-details',
  '#trader-details',
];

const BLOCK_TAGS = new Set(['address', 'article', 'aside', 'dd', 'div', 'dl', 'dt', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'li', 'main', 'ol', 'p', 'section', 'table', 'td', 'th', 'tr', 'ul']);
const ADDRESS_LINES = 6;

export function readSellerProfile(html: string, url: string): SellerProfile | null {
  const $ = load(html);
  return readSellerProfileFrom($, url);
}

export function readSellerProfileFrom($: CheerioAPI, url: string): SellerProfile | null {
  const host = safeHost(url);
  for (const reader of PROFILE_READERS) {
    const p = readWith(reader, $, host);
    if (p) return withCountry(p, url, reader.country);
  }
  for (const selector of BLOCKS) {
    const el = $(selector).first();
    if (el.length) {
      const p = profileFromLines(linesOf($, el[0]!), selector);
      if (p) return withCountry(p, url);
    }
  }
  const body = $('body').first();
  const p = body.length ? profileFromLines(linesOf($, body[0]!), 'body') : null;
  return p ? withCountry(p, url) : null;
}

/**
 * A marketplace's own blocks, read together. On its own hosts, when none of
 * them is there (the site renamed its classes), the section under one of
 * its headings ("Trader information", 营业执照…); never the whole page, where
 * its loose labels would read a review's "Name:".
 */
function readWith(reader: ProfileReader, $: CheerioAPI, host: string): SellerProfile | null {
  const labels = [...reader.labels, ...LABELS];
  let out: SellerProfile | null = null;
  for (const selector of reader.blocks) {
    const el = $(selector).first();
    const p = el.length ? profileFromLines(linesOf($, el[0]!), selector, labels) : null;
    if (p) out = { ...p, ...(out ?? {}) };
  }
  if (out || !reader.host.test(host)) return out;
  const heading = $('h1, h2, h3, h4, h5, h6, dt, strong, b')
    .toArray()
    .slice(0, 400)
    .find((h) => reader.heading.test(normaliseSpace($(h).text())));
  const section = heading ? $(heading).parent() : null;
  return section?.length ? profileFromLines(linesOf($, section[0]!), `"${normaliseSpace($(heading!).text())}"`, labels) : null;
}

/** Text as lines, broken where a browser breaks them (block elements, <br>). */
export function linesOf($: CheerioAPI, root: AnyNode): string[] {
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') parts.push((n as unknown as { data: string }).data);
    else if (n.type === 'tag') {
      const name = (n as unknown as { name: string }).name.toLowerCase();
      if (name === 'script' || name === 'style' || name === 'noscript' || name === 'template') return;
      if (name === 'br') return void parts.push('\n');
      const block = BLOCK_TAGS.has(name);
      if (block) parts.push('\n');
      for (const c of (n as unknown as { children: AnyNode[] }).children) walk(c);
      if (block) parts.push('\n');
    } else if ('children' in n) for (const c of (n as unknown as { children: AnyNode[] }).children) walk(c);
  };
  walk(root);
  return parts
    .join('')
    .split('\n')
    .map(normaliseSpace)
    .filter(Boolean);
}

function labelOf(text: string, labels: readonly LabelRule[]): ProfileField | null {
  const t = text.replace(/[:：]\s*$/, '').trim();
  for (const [field, re] of labels) if (re.test(t)) return field;
  return null;
}

/** "Legal representative: …", "法定代表人：…": a row of its own, even under a label not read. */
const OTHER_ROW = /^[^:：]{1,40}[:：]/;

/** "Label: value" on one line, or "Label:" and its value on the lines that follow. */
export function profileFromLines(lines: readonly string[], block: string, labels: readonly LabelRule[] = LABELS): SellerProfile | null {
  const out: SellerProfile = {};
  let found = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.search(/[:：]/);
    const inline = colon > 0 ? labelOf(line.slice(0, colon), labels) : null;
    let field: ProfileField | null = null;
    let value = '';
    let label = '';
    if (inline && line.slice(colon + 1).trim()) {
      field = inline;
      label = line.slice(0, colon).trim();
      value = line.slice(colon + 1).trim();
      if (field === 'address') value = [value, ...continuation(lines, i + 1, ADDRESS_LINES - 1, labels)].join(', ');
    } else {
      field = labelOf(line, labels);
      if (!field) continue;
      label = line.replace(/[:：]\s*$/, '').trim();
      const rest = continuation(lines, i + 1, field === 'address' ? ADDRESS_LINES : 1, labels);
      if (rest.length === 0) continue;
      value = rest.join(', ');
    }
    if (field && value && !out[field]) {
      out[field] = { value, source: `${block}: "${label}"` };
      found++;
    }
  }
  return found > 0 ? out : null;
}

function continuation(lines: readonly string[], from: number, max: number, labels: readonly LabelRule[]): string[] {
  const out: string[] = [];
  for (let j = from; j < lines.length && out.length < max; j++) {
    const l = lines[j]!;
    if (labelOf(l, labels) || OTHER_ROW.test(l)) break;
    out.push(l);
  }
  return out;
}

const COUNTRY_NAMES: Record<string, string> = {
  de: 'DE', deutschland: 'DE', germany: 'DE', allemagne: 'DE',
  fr: 'FR', france: 'FR', frankreich: 'FR',
  cn: 'CN', china: 'CN', chine: 'CN',
  gb: 'GB', uk: 'GB', 'united kingdom': 'GB', 'royaume-uni': 'GB',
  us: 'US', usa: 'US', 'united states': 'US', 'états-unis': 'US',
  it: 'IT', italy: 'IT', italie: 'IT', italien: 'IT',
  es: 'ES', spain: 'ES', espagne: 'ES', spanien: 'ES',
  nl: 'NL', netherlands: 'NL', 'pays-bas': 'NL', niederlande: 'NL',
  中国: 'CN', 'mainland china': 'CN', "people's republic of china": 'CN',
  hk: 'HK', 'hong kong': 'HK', at: 'AT', austria: 'AT', österreich: 'AT', autriche: 'AT',
};

function withCountry(p: SellerProfile, url: string, fallback?: string): SellerProfile {
  const last = p.address?.value.split(',').pop()?.trim().toLowerCase();
  const fromAddress = last ? COUNTRY_NAMES[last] : undefined;
  const fromVat = p.vat ? /^([A-Z]{2})\s?\d/.exec(p.vat.value.toUpperCase())?.[1] : undefined;
  const fromHost = /\.(de|fr|it|es|nl|co\.uk|at)$/.exec(safeHost(url))?.[1];
  const country = fromAddress ?? (fromVat === 'EL' ? 'GR' : fromVat) ?? (fromHost === 'co.uk' ? 'GB' : fromHost?.toUpperCase()) ?? fallback;
  return country ? { ...p, country } : p;
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
