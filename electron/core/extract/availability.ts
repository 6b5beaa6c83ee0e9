import type { Availability } from './types.js';

/** schema.org ItemAvailability, as a URL (http or https), a bare name or a prefixed name. */
const SCHEMA: Record<string, Availability> = {
  instock: 'in-stock',
  instoreonly: 'in-stock',
  onlineonly: 'in-stock',
  outofstock: 'out-of-stock',
  soldout: 'out-of-stock',
  oos: 'out-of-stock', // OpenGraph's product:availability
  preorder: 'preorder',
  presale: 'preorder',
  backorder: 'preorder',
  limitedavailability: 'limited',
  discontinued: 'discontinued',
};

export function availabilityFromSchema(value: unknown): Availability | null {
  if (typeof value !== 'string') return null;
  const name = value.trim().replace(/^https?:\/\/schema\.org\//i, '').replace(/^schema:/i, '').replace(/[\s_-]/g, '').toLowerCase();
  return Object.hasOwn(SCHEMA, name) ? SCHEMA[name]! : null;
}

/**
 * Availability as marketplaces word it, in the languages of their national
 * sites. Negative phrases are tried first: "nicht auf Lager" contains
 * "auf Lager", "non disponibile" contains "disponibile".
 */
const PHRASES: [RegExp, Availability][] = [
  [/currently unavailable|out of stock|not (currently )?(in stock|available)|sold out|no longer available|temporarily unavailable/i, 'out-of-stock'],
  [/derzeit nicht verfügbar|nicht (auf lager|verfügbar|lieferbar)|ausverkauft|vergriffen/i, 'out-of-stock'],
  [/actuellement indisponible|indisponible|en rupture de stock|épuisé/i, 'out-of-stock'],
  [/non disponibile|attualmente non disponibile|esaurito/i, 'out-of-stock'],
  [/no disponible|agotado|sin stock|não disponível|indisponível|esgotado/i, 'out-of-stock'],
  [/niet (op voorraad|beschikbaar|leverbaar)|momenteel niet verkrijgbaar|tijdelijk uitverkocht|uitverkocht/i, 'out-of-stock'],
  [/ej i lager|tillfälligt slut|slutsåld|niedostępny|brak w magazynie|stokta yok|在庫切れ|现在无法购买|已下架|缺货|无货|宝贝已下架|商品已下架/i, 'out-of-stock'],
  [/discontinued|nicht mehr (erhältlich|verfügbar)|n'est plus (disponible|fabriqué)/i, 'discontinued'],
  [/pre-?order|vorbestell|précommande|pré-commande|preordina|prenota|予約/i, 'preorder'],
  [/only \d+ left|nur noch \d+|plus que \d+|solo \d+ disponibili|rimangono solo \d+|quedan \d+|solo quedan|nog maar \d+|limited (availability|stock)/i, 'limited'],
  [
    /\bin stock\b|auf lager|\ben stock\b|disponibilità immediata|\bdisponibile\b|\bdisponible\b|en existencia|em estoque|op voorraad|i lager|na stanie|stokta|在庫あり|有货|现货/i,
    'in-stock',
  ],
  [/available from these sellers|erhältlich bei diesen anbietern|usually (ships|dispatched) within|ships (within|in) \d|versandfertig in|gewöhnlich versandfertig|expédié sous|habituellement expédié|spedizione in|di solito spedito|normalmente se envía|envío en/i, 'in-stock'],
];

export function availabilityFromText(text: string): Availability | null {
  const t = text.slice(0, 500);
  for (const [r, a] of PHRASES) if (r.test(t)) return a;
  return null;
}
