import type { fakesEn } from './fakes.en.js';

const quoted = (words: string[]) => words.map((w) => `«\u202f${w}\u202f»`).join(', ');

/** Les mots de la recherche des contrefaçons (l'écran de tri, tous les vendeurs d'une annonce) : les mêmes clés que fakes.en.ts. */
export const fakesFr: typeof fakesEn = {
  offers: {
    sellers: 'Vendeurs',
    sellersHint: 'Chaque vendeur vu sur cette annonce : celui sous lequel une capture a été classée, et chaque vendeur dont la page montrait une offre.',
    buyBox: 'classé',
    offer: 'offre',
    shipsFrom: (where: string) => `expédié depuis ${where}`,
  },
  triage: {
    nav: 'Tri',
    title: 'Tri',
    intro: 'Les résultats des recherches surveillées et les annonces capturées, les plus suspects d’abord, chacun avec les raisons de son score. Décidez d’une seule touche ; chaque décision figure dans la chaîne de traçabilité.',
    keys: 'Touches : ↑ ↓ ou j k pour se déplacer, c contrefaçon, g authentique, t achat test nécessaire.',
    results: 'Résultats de recherche',
    listings: 'Annonces capturées',
    noResults: 'Rien à trier : aucune recherche surveillée n’a encore trouvé de résultat (exhibit monitor add URL --brand NOM).',
    noListings: 'Aucune annonce capturée ne nomme une marque du catalogue.',
    score: 'Score',
    image: 'Image',
    what: 'Annonce',
    reasons: 'Raisons',
    decision: 'Décision',
    noReason: 'aucun signal',
    noImage: 'absente de la capture',
    seller: (name: string) => `vendeur ${name}`,
    noSeller: 'aucun vendeur indiqué',
    state: { new: 'nouveau', present: 'toujours affiché', gone: 'disparu' } as Record<string, string>,
    decisions: { counterfeit: 'Contrefaçon', genuine: 'Authentique', 'test-buy': 'Achat test nécessaire' } as Record<string, string>,
    decided: (listing: string, decision: string) => `${listing} : ${decision}.`,
    filed: 'Classée sous son vendeur et mise sous surveillance.',
    capturing: 'Sa capture complète a commencé.',
    queued: 'Elle sera capturée en entier lors de la prochaine recapture.',
    signals: {
      'price-low': 'prix très inférieur au prix public',
      'replica-words': 'mots de contrefaçon',
      'official-image': 'image officielle réutilisée',
      'unauthorised-brand': 'marque chez un vendeur non autorisé',
      'seller-signals': 'signaux vendeur',
      'removed-before': 'déjà retirée',
    } as Record<string, string>,
    capture: 'capture',
    reason: {
      'price-low': (p) => `${p.price} ${p.currency} représente ${p.percent}\u202f% du prix public de ${p.product} (${p.reference}) sur ${p.market}, ${p.retailPrice} ${p.retailCurrency}`,
      'replica-words': (p) => `mots de contrefaçon\u202f: ${quoted(p.words)}`,
      'official-image': (p) =>
        `l’image correspond à l’image du catalogue ${p.image} (${p.reference})${p.mirrored ? ', en miroir' : ''}\u202f: ${p.distance} ${p.distance > 1 ? 'bits sur 64 diffèrent' : 'bit sur 64 diffère'}`,
      'unauthorised-brand': (p) => `«\u202f${p.brand}\u202f» dans le titre, vendu par ${p.seller} (${p.marketplace}:${p.sellerKey}), vendeur non autorisé`,
      'seller-signals': (p) =>
        [p.accountAgeDays !== null ? `compte ouvert depuis ${p.accountAgeDays} jours` : null, p.feedbackCount !== null ? `${p.feedbackCount} évaluations` : null, p.shipsFrom !== null ? `expédié depuis ${p.shipsFrom}` : null]
          .filter((x) => x !== null)
          .join(', '),
      'removed-before': (p) => (p.count === 1 ? '1 annonce de ce vendeur déjà retirée' : `${p.count} annonces de ce vendeur déjà retirées`),
    },
    asWritten: (sentence: string) => `${sentence} (tel qu’enregistré, en anglais)`,
  },
};
