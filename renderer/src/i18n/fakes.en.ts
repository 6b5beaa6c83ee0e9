import type { ReasonWords } from '../api/types.js';

const quoted = (words: string[]) => words.map((w) => `"${w}"`).join(', ');

/** The words of finding the fakes (the triage screen, every seller of a listing), in English; fakes.fr.ts gives the same keys in French. */

export const fakesEn = {
  offers: {
    sellers: 'Sellers',
    sellersHint: 'Every seller this listing was seen with: the seller a capture was filed under, and each seller whose offer its page showed.',
    buyBox: 'filed',
    offer: 'offer',
    shipsFrom: (where: string) => `ships from ${where}`,
  },
  triage: {
    nav: 'Triage',
    title: 'Triage',
    intro: 'Search results of watched searches and captured listings, most suspicious first, each with the reasons for its score. Decide with one key; each decision is in the chain of custody.',
    keys: 'Keys: ↑ ↓ or j k to move, c counterfeit, g genuine, t needs a test buy.',
    results: 'Search results',
    listings: 'Captured listings',
    noResults: 'Nothing to triage: no watched search has found a result yet (exhibit monitor add URL --brand NAME).',
    noListings: 'No captured listing names a brand of the catalogue.',
    score: 'Score',
    image: 'Image',
    what: 'Listing',
    reasons: 'Reasons',
    decision: 'Decision',
    noReason: 'no signal',
    noImage: 'not in the capture',
    seller: (name: string) => `seller ${name}`,
    noSeller: 'no seller shown',
    state: { new: 'new', present: 'still shown', gone: 'gone' } as Record<string, string>,
    decisions: { counterfeit: 'Counterfeit', genuine: 'Genuine', 'test-buy': 'Needs a test buy' } as Record<string, string>,
    decided: (listing: string, decision: string) => `${listing}: ${decision}.`,
    filed: 'Filed under its seller and put on watch.',
    capturing: 'Its full capture has started.',
    queued: 'It will be captured in full at the next re-capture run.',
    signals: {
      'price-low': 'price far under retail',
      'replica-words': 'replica words',
      'official-image': 'official image reused',
      'unauthorised-brand': 'brand from an unauthorised seller',
      'seller-signals': 'seller signals',
      'removed-before': 'removed before',
    } as Record<string, string>,
    capture: 'capture',
    /** each reason code said with the values the score stored */
    reason: {
      'price-low': (p) => `${p.price} ${p.currency} is ${p.percent}% of the retail price of ${p.product} (${p.reference}) in ${p.market}, ${p.retailPrice} ${p.retailCurrency}`,
      'replica-words': (p) => `replica words: ${quoted(p.words)}`,
      'official-image': (p) => `the image matches the catalogue image ${p.image} (${p.reference})${p.mirrored ? ', mirrored' : ''}: ${p.distance} of 64 bits differ`,
      'unauthorised-brand': (p) => `"${p.brand}" in the title, sold by ${p.seller} (${p.marketplace}:${p.sellerKey}), not an authorised seller`,
      'seller-signals': (p) =>
        [p.accountAgeDays !== null ? `account ${p.accountAgeDays} days old` : null, p.feedbackCount !== null ? `${p.feedbackCount} feedback ratings` : null, p.shipsFrom !== null ? `ships from ${p.shipsFrom}` : null]
          .filter((x) => x !== null)
          .join(', '),
      'removed-before': (p) => (p.count === 1 ? '1 listing of this seller already removed' : `${p.count} listings of this seller already removed`),
    } as ReasonWords,
    /** a reason stored as an English sentence no code reads back */
    asWritten: (sentence: string) => sentence,
  },
};
