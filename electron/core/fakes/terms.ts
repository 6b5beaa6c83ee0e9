/**
 * Exhibit's own words for finding the fakes: the signals a suspicion score
 * is made of, the triage decisions, with their English and French labels.
 * Environment-free, so the CLI, the API and a dossier share them, and a new
 * signal or decision does not compile without its labels.
 */

export const SIGNALS = ['price-low', 'replica-words', 'official-image', 'unauthorised-brand', 'seller-signals', 'removed-before'] as const;
export type Signal = (typeof SIGNALS)[number];

export const SIGNAL_LABELS: Record<Signal, { en: string; fr: string }> = {
  'price-low': { en: 'price far under the catalogue retail price', fr: 'prix très inférieur au prix public du catalogue' },
  'replica-words': { en: 'replica words in the title or text', fr: 'mots de contrefaçon dans le titre ou le texte' },
  'official-image': { en: 'an official image reused', fr: 'une image officielle réutilisée' },
  'unauthorised-brand': { en: 'brand name from a seller not authorised', fr: 'nom de la marque chez un vendeur non autorisé' },
  'seller-signals': { en: 'seller signals (new account, little feedback)', fr: 'signaux vendeur (compte récent, peu d’évaluations)' },
  'removed-before': { en: 'a listing of this seller was already removed', fr: 'une annonce de ce vendeur a déjà été retirée' },
};

export const TRIAGE_DECISIONS = ['counterfeit', 'genuine', 'test-buy'] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

export const TRIAGE_DECISION_LABELS: Record<TriageDecision, { en: string; fr: string }> = {
  counterfeit: { en: 'counterfeit', fr: 'contrefaçon' },
  genuine: { en: 'genuine', fr: 'authentique' },
  'test-buy': { en: 'needs a test buy', fr: 'achat test nécessaire' },
};

/** What a search result is, as of the latest run of its monitor. */
export const RESULT_STATES = ['new', 'present', 'gone'] as const;
export type ResultState = (typeof RESULT_STATES)[number];

export const RESULT_STATE_LABELS: Record<ResultState, { en: string; fr: string }> = {
  new: { en: 'new', fr: 'nouveau' },
  present: { en: 'still present', fr: 'toujours présent' },
  gone: { en: 'gone', fr: 'disparu' },
};

/**
 * The weights of the score: a logit, bias plus each signal's strength (0 to
 * 1) times its weight; the score shown is that logit through the logistic
 * function, 0 to 100. Chosen so that one strong signal alone stays under 50
 * and two together pass it.
 */
export interface Weights {
  bias: number;
  signals: Record<Signal, number>;
}

export const DEFAULT_WEIGHTS: Weights = {
  bias: -3,
  signals: { 'price-low': 2.5, 'replica-words': 2.8, 'official-image': 2, 'unauthorised-brand': 1.5, 'seller-signals': 1, 'removed-before': 2 },
};
