import { isCoded, type CodedReason, type Reason, type ReasonCode, type ReasonParams } from './reasons.js';

/**
 * A reason said in English or French, for the CLI and the dossier (the UI
 * has the same words in its dictionaries, renderer/src/i18n/fakes.*.ts).
 * A reason code without its words here does not compile.
 */

type Words = { [K in ReasonCode]: (p: ReasonParams[K]) => string };

const quoted = (words: string[], open: string, close: string) => words.map((w) => `${open}${w}${close}`).join(', ');

export const REASON_TEXT: Record<'en' | 'fr', Words> = {
  en: {
    'price-low': (p) => `${p.price} ${p.currency} is ${p.percent}% of the retail price of ${p.product} (${p.reference}) in ${p.market}, ${p.retailPrice} ${p.retailCurrency}`,
    'replica-words': (p) => `replica words: ${quoted(p.words, '"', '"')}`,
    'official-image': (p) => `the image matches the catalogue image ${p.image} (${p.reference})${p.mirrored ? ', mirrored' : ''}: ${p.distance} of 64 bits differ`,
    'unauthorised-brand': (p) => `"${p.brand}" in the title, sold by ${p.seller} (${p.marketplace}:${p.sellerKey}), not an authorised seller`,
    'seller-signals': (p) =>
      [
        p.accountAgeDays !== null ? `account ${p.accountAgeDays} days old` : null,
        p.feedbackCount !== null ? `${p.feedbackCount} feedback ratings` : null,
        p.shipsFrom !== null ? `ships from ${p.shipsFrom}` : null,
      ]
        .filter((x) => x !== null)
        .join(', '),
    'removed-before': (p) => (p.count === 1 ? '1 listing of this seller already removed' : `${p.count} listings of this seller already removed`),
  },
  fr: {
    'price-low': (p) => `${p.price} ${p.currency} représente ${p.percent}\u202f% du prix public de ${p.product} (${p.reference}) sur ${p.market}, ${p.retailPrice} ${p.retailCurrency}`,
    'replica-words': (p) => `mots de contrefaçon\u202f: ${quoted(p.words, '«\u202f', '\u202f»')}`,
    'official-image': (p) => `l’image correspond à l’image du catalogue ${p.image} (${p.reference})${p.mirrored ? ', en miroir' : ''}\u202f: ${p.distance} ${p.distance > 1 ? 'bits sur 64 diffèrent' : 'bit sur 64 diffère'}`,
    'unauthorised-brand': (p) => `«\u202f${p.brand}\u202f» dans le titre, vendu par ${p.seller} (${p.marketplace}:${p.sellerKey}), vendeur non autorisé`,
    'seller-signals': (p) =>
      [
        p.accountAgeDays !== null ? `compte ouvert depuis ${p.accountAgeDays} jours` : null,
        p.feedbackCount !== null ? `${p.feedbackCount} évaluations` : null,
        p.shipsFrom !== null ? `expédié depuis ${p.shipsFrom}` : null,
      ]
        .filter((x) => x !== null)
        .join(', '),
    'removed-before': (p) => (p.count === 1 ? '1 annonce de ce vendeur déjà retirée' : `${p.count} annonces de ce vendeur déjà retirées`),
  },
};

function say(lang: 'en' | 'fr', r: CodedReason): string {
  // The union is checked where reasons are made (reason()) and read (storedReason): code and params agree.
  return (REASON_TEXT[lang][r.code] as (p: CodedReason['params']) => string)(r.params);
}

/** The reason in words; one stored as a sentence no template reads back is shown as written (in English). */
export function reasonText(lang: 'en' | 'fr', r: Reason): string {
  if (isCoded(r)) return say(lang, r);
  return lang === 'fr' ? `${r.evidence} (tel qu’enregistré, en anglais)` : r.evidence;
}
