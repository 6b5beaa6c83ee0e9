/** The hub's page of the team's sellers, in English or French: server-rendered, no script. */

export type HubLang = 'en' | 'fr';

export interface TeamSeller {
  marketplace: string;
  sellerKey: string;
  name: string | null;
  listings: number;
  captures: number;
  investigators: string[];
  lastCapturedAt: string | null;
}

const WORDS: Record<HubLang, { title: string; heading: string; intro: (n: number, people: number) => string; seller: string; marketplace: string; listings: string; captures: string; by: string; last: string; none: string }> = {
  en: {
    title: 'Exhibit hub: the team’s sellers',
    heading: 'The team’s sellers',
    intro: (n, people) => `${n} seller${n === 1 ? '' : 's'}, from the evidence pushed by ${people} ${people === 1 ? 'person' : 'people'}.`,
    seller: 'Seller',
    marketplace: 'Marketplace',
    listings: 'Listings',
    captures: 'Captures',
    by: 'Captured by',
    last: 'Last capture',
    none: 'No seller yet: nothing has been pushed to this hub.',
  },
  fr: {
    title: 'Hub Exhibit : les vendeurs de l’équipe',
    heading: 'Les vendeurs de l’équipe',
    intro: (n, people) => `${n} vendeur${n > 1 ? 's' : ''}, d’après les preuves envoyées par ${people} personne${people > 1 ? 's' : ''}.`,
    seller: 'Vendeur',
    marketplace: 'Place de marché',
    listings: 'Annonces',
    captures: 'Captures',
    by: 'Capturé par',
    last: 'Dernière capture',
    none: 'Aucun vendeur pour l’instant : rien n’a encore été envoyé à ce hub.',
  },
};

export function hubLang(query: string | null, acceptLanguage: string | undefined): HubLang {
  if (query === 'fr' || query === 'en') return query;
  return /^fr\b/i.test(acceptLanguage ?? '') ? 'fr' : 'en';
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderTeamPage(sellers: readonly TeamSeller[], lang: HubLang): string {
  const w = WORDS[lang];
  const people = new Set(sellers.flatMap((s) => s.investigators)).size;
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const number = new Intl.NumberFormat(locale);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const when = (iso: string | null) => (iso && !Number.isNaN(Date.parse(iso)) ? `${dateTime.format(new Date(iso))} UTC` : '');
  const rows = sellers
    .map(
      (s) => `<tr><td>${escapeHtml(s.name ?? s.sellerKey)}${s.name && s.name !== s.sellerKey ? `<div class="key">${escapeHtml(s.sellerKey)}</div>` : ''}</td><td>${escapeHtml(s.marketplace)}</td>` +
        `<td class="n">${number.format(s.listings)}</td><td class="n">${number.format(s.captures)}</td><td>${escapeHtml(s.investigators.join(', '))}</td><td>${escapeHtml(when(s.lastCapturedAt))}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(w.title)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d2433}
h1{font-size:1.5rem;margin:0 0 .25rem}p{color:#4a5468;margin:0 0 1.25rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem .75rem;border-bottom:1px solid #dde2ea;vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:#4a5468}.n{text-align:right;font-variant-numeric:tabular-nums}
.key{font:12px ui-monospace,monospace;color:#6b7589}
</style></head>
<body><main><h1>${escapeHtml(w.heading)}</h1><p>${escapeHtml(sellers.length === 0 ? w.none : w.intro(sellers.length, people))}</p>
${sellers.length === 0 ? '' : `<table><thead><tr><th>${w.seller}</th><th>${w.marketplace}</th><th class="n">${w.listings}</th><th class="n">${w.captures}</th><th>${w.by}</th><th>${w.last}</th></tr></thead>
<tbody>
${rows}
</tbody></table>`}</main></body></html>`;
}
