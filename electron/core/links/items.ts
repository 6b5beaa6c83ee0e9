import type { SellerProfile } from '../extract/seller-profile.js';
import type { IdentifierItem, TextItem } from './compute.js';
import { contactsInText, normaliseAddress, normaliseCompanyNumber, normaliseEmail, normalisePhone, normaliseVat, normaliseWebsite } from './identifiers.js';
import { shingles } from './minhash.js';

/** Where an item came from: which seller, which capture, which artifact. */
export interface ItemOrigin {
  sellerId: string;
  captureId: string | null;
  /** the artifact it was read from, e.g. 'extracted.json', 'text.txt' */
  artifact: string;
}

/** The normalised identifiers a seller's trader details give, each with the field and the text it came from. */
export function identifiersFromProfile(o: ItemOrigin, p: SellerProfile): IdentifierItem[] {
  const out: IdentifierItem[] = [];
  const push = (kind: IdentifierItem['kind'], field: string, raw: string, value: string | null) => {
    if (value) out.push({ ...o, kind, value, field, raw });
  };
  const c = p.country ?? null;
  if (p.vat) push('vat', 'profile.vat', p.vat.value, normaliseVat(p.vat.value, c));
  if (p.company) push('company', 'profile.company', p.company.value, normaliseCompanyNumber(p.company.value, c));
  if (p.email) push('email', 'profile.email', p.email.value, normaliseEmail(p.email.value));
  if (p.phone) push('phone', 'profile.phone', p.phone.value, normalisePhone(p.phone.value, c));
  if (p.address) push('address', 'profile.address', p.address.value, normaliseAddress(p.address.value));
  if (p.website) push('website', 'profile.website', p.website.value, normaliseWebsite(p.website.value));
  return out;
}

/** Contact details written into a listing's text, and its description's shingles. */
export function itemsFromListingText(o: ItemOrigin, field: string, text: string, country: string | null): { identifiers: IdentifierItem[]; text: TextItem | null } {
  const identifiers = contactsInText(text, country).map((f) => ({ ...o, kind: f.kind, value: f.value, field, raw: f.raw }));
  const set = shingles(text);
  return { identifiers, text: set.length > 0 ? { ...o, field, raw: text.slice(0, 200), shingles: set } : null };
}
