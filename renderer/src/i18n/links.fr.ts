import type { linksEn } from './links.en.js';

/** Les mots du rapprochement des comptes vendeurs (#20) : les mêmes clés que links.en.ts. */
export const linksFr: typeof linksEn = {
  links: {
    title: 'Peut-être le même opérateur que…',
    none: 'Aucun autre compte vendeur ne partage d’éléments avec celui-ci.',
    loading: 'Comparaison avec les autres vendeurs…',
    strong: 'Fort',
    weak: 'Faible',
    score: (n: number) => `score ${String(n).replace('.', ',')}`,
    confirmed: 'Confirmé comme un même opérateur',
    shared: 'Élément partagé',
    thisSeller: 'Ce vendeur',
    other: 'L’autre vendeur',
    confirm: 'Même opérateur',
    reject: 'Pas de lien',
    reason: 'Motif (conservé dans la chaîne de conservation)',
    working: 'Enregistrement…',
    mirrored: 'une copie en miroir',
    capture: 'capture',
    operator: (names: string) => `Un même opérateur\u202f: ${names}`,
    kinds: { vat: 'Numéro de TVA', company: 'Numéro d’immatriculation', email: 'Courriel', phone: 'Téléphone', chat: 'Messagerie', website: 'Site web', address: 'Adresse', image: 'Image', text: 'Texte d’annonce' },
  },
};
