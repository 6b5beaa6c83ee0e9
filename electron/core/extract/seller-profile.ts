import type { AnyNode } from 'domhandler';
import { load, type CheerioAPI } from 'cheerio/slim';
import { normaliseSpace } from './text.js';

/**
 * The trader details a seller's page discloses (EU Digital Services Act
 * art. 30, US INFORM Act): name, address, phone, e-mail, VAT and
 * registration numbers, web site; and the feedback line where there is one.
 * Marketplaces lay these out as "Label: value" rows or a label followed by
 * lines of value (Amazon's address), in the site's language: labels are
 * read in English, French and German. Pure: it reads the page it is given.
 */
export const PROFILE_FIELDS = ['businessName', 'address', 'phone', 'email', 'vat', 'company', 'website', 'feedback'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface ProfileValue {
  value: string;
  /** the label it was read under, as the page wrote it, and the block it was in */
  source: string;
}

export type SellerProfile = { [F in ProfileField]?: ProfileValue } & {
  /** ISO 3166 alpha-2, from the address's last line or the VAT prefix: the default region for phone numbers */
  country?: string;
};

const LABELS: ReadonlyArray<readonly [ProfileField, RegExp]> = [
  ['vat', /^(vat(?: registration)?(?: number| no\.?| id)?|ust-?id(?:nr)?\.?|umsatzsteuer-?identifikationsnummer|ust\.? ?-?id\.?-?nr\.?|num[ée]ro de tva(?: intracommunautaire)?|n° ?tva(?: intracommunautaire)?|tva(?: intracommunautaire)?|identifiant tva)$/i],
  ['company', /^(trade register number|commercial regist(?:er|ry)(?: number)?|company (?:registration )?number|registration number|business registration number|handelsregister(?:nummer)?|registernummer|num[ée]ro d'immatriculation|num[ée]ro rcs|rcs|siren|siret|registre du commerce)$/i],
  ['businessName', /^(business name|trader name|company name|legal name|nom commercial|raison sociale|nom de l'entreprise|d[ée]nomination sociale|firmenname|name des unternehmens|gesch[äa]ftsname|unternehmen)$/i],
  ['address', /^(business address|address|registered address|trader address|adresse(?: de l'entreprise| commerciale| du si[èe]ge)?|gesch[äa]ftsadresse|anschrift|adresse des unternehmens)$/i],
  ['phone', /^(phone(?: number)?|telephone(?: number)?|tel\.?|t[ée]l[ée]phone|num[ée]ro de t[ée]l[ée]phone|telefon(?:nummer)?)$/i],
  ['email', /^(e-?mail(?: address)?|courriel|adresse e-?mail|e-mail-adresse)$/i],
  ['website', /^(website|web site|site web|site internet|webseite|internetseite)$/i],
  ['feedback', /^(feedback|seller feedback|positive feedback|[ée]valuations?|bewertungen?)$/i],
];

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

function labelOf(text: string): ProfileField | null {
  const t = text.replace(/[:：]\s*$/, '').trim();
  for (const [field, re] of LABELS) if (re.test(t)) return field;
  return null;
}

/** "Label: value" on one line, or "Label:" and its value on the lines that follow. */
export function profileFromLines(lines: readonly string[], block: string): SellerProfile | null {
  const out: SellerProfile = {};
  let found = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.search(/[:：]/);
    const inline = colon > 0 ? labelOf(line.slice(0, colon)) : null;
    let field: ProfileField | null = null;
    let value = '';
    let label = '';
    if (inline && line.slice(colon + 1).trim()) {
      field = inline;
      label = line.slice(0, colon).trim();
      value = line.slice(colon + 1).trim();
      if (field === 'address') value = [value, ...continuation(lines, i + 1, ADDRESS_LINES - 1)].join(', ');
    } else {
      field = labelOf(line);
      if (!field) continue;
      label = line.replace(/[:：]\s*$/, '').trim();
      const rest = continuation(lines, i + 1, field === 'address' ? ADDRESS_LINES : 1);
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

function continuation(lines: readonly string[], from: number, max: number): string[] {
  const out: string[] = [];
  for (let j = from; j < lines.length && out.length < max; j++) {
    const l = lines[j]!;
    const colon = l.search(/[:：]/);
    if (labelOf(l) || (colon > 0 && labelOf(l.slice(0, colon)))) break;
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
  hk: 'HK', 'hong kong': 'HK', at: 'AT', austria: 'AT', österreich: 'AT', autriche: 'AT',
};

function withCountry(p: SellerProfile, url: string): SellerProfile {
  const last = p.address?.value.split(',').pop()?.trim().toLowerCase();
  const fromAddress = last ? COUNTRY_NAMES[last] : undefined;
  const fromVat = p.vat ? /^([A-Z]{2})\s?\d/.exec(p.vat.value.toUpperCase())?.[1] : undefined;
  const fromHost = /\.(de|fr|it|es|nl|co\.uk|at)$/.exec(safeHost(url))?.[1];
  const country = fromAddress ?? (fromVat === 'EL' ? 'GR' : fromVat) ?? (fromHost === 'co.uk' ? 'GB' : fromHost?.toUpperCase());
  return country ? { ...p, country } : p;
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
