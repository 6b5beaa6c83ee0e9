import type { ProfileField } from '../extract/seller-profile-fields.js';

/**
 * What each trader detail read off a seller page is called (#20), in
 * English and French: one home for the app's side-by-side trader details,
 * the seller's timeline and `exhibit timeline`. A new field does not compile
 * without its names.
 */
export const TRADER_FIELD_NAMES: Record<ProfileField, { en: string; fr: string }> = {
  businessName: { en: 'Business name', fr: 'Raison sociale' },
  address: { en: 'Address', fr: 'Adresse' },
  phone: { en: 'Phone', fr: 'Téléphone' },
  email: { en: 'E-mail', fr: 'Courriel' },
  vat: { en: 'VAT number', fr: 'Numéro de TVA' },
  company: { en: 'Company number', fr: 'Numéro d’immatriculation' },
  website: { en: 'Web site', fr: 'Site web' },
  established: { en: 'Established', fr: 'Date de création' },
  storeNumber: { en: 'Store number', fr: 'Numéro de boutique' },
  feedback: { en: 'Feedback', fr: 'Évaluations' },
};

/** The names in one language, as the dictionaries hold them. */
export function traderFieldNamesIn(lang: 'en' | 'fr'): Record<ProfileField, string> {
  return Object.fromEntries(Object.entries(TRADER_FIELD_NAMES).map(([k, v]) => [k, v[lang]])) as Record<ProfileField, string>;
}
