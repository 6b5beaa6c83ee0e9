import type { CorrectableField } from '../catalogue/fields.js';

/**
 * What each field read off a listing is called, in English and French: one
 * home for these words, shared by the dossier, the CLI and the app (which
 * bundles this file; it needs nothing of Node). A new field does not compile
 * without its names.
 */
export const FIELD_NAMES: Record<CorrectableField, { en: string; fr: string }> = {
  marketplace: { en: 'Marketplace', fr: 'Place de marché' },
  listingId: { en: 'Listing ID', fr: 'Identifiant de l’annonce' },
  sku: { en: 'Seller’s product code', fr: 'Référence du vendeur' },
  title: { en: 'Title', fr: 'Titre' },
  price: { en: 'Price', fr: 'Prix' },
  currency: { en: 'Currency', fr: 'Devise' },
  availability: { en: 'Availability', fr: 'Disponibilité' },
  brand: { en: 'Brand', fr: 'Marque' },
  images: { en: 'Images', fr: 'Images' },
  sellerName: { en: 'Seller name', fr: 'Nom du vendeur' },
  sellerId: { en: 'Seller ID', fr: 'Identifiant du vendeur' },
  sellerUrl: { en: 'Seller profile', fr: 'Profil du vendeur' },
  shipsFrom: { en: 'Ships from', fr: 'Expédié par' },
};

/** The field names in one language, as the dictionaries hold them. */
export function fieldNamesIn(lang: 'en' | 'fr'): Record<string, string> {
  return Object.fromEntries(Object.entries(FIELD_NAMES).map(([k, v]) => [k, v[lang]]));
}
