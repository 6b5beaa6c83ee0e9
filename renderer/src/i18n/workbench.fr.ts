import type { workbenchEn } from './workbench.en.js';

/** Les mots du tableau de bord et de ses listes en français : les mêmes clés que workbench.en.ts. */
export const workbenchFr: typeof workbenchEn = {
  dashboard: {
    title: 'À traiter',
    sinceVisit: (at: string) => `Depuis votre dernière visite, le ${at}`,
    sinceBeginning: 'Depuis la création de l’espace de travail (aucune visite marquée comme vue)',
    markSeen: 'Tout marquer comme vu',
    marking: 'Enregistrement…',
    refresh: 'Actualiser',
    asOf: (at: string) => `Compté le ${at}`,
    listings: 'Annonces',
    work: 'Travail en attente',
    stampsPending: 'Horodatages en attente',
    stampsHint: 'captures en attente d’une autorité d’horodatage ; elles sont horodatées dès la connexion',
    kinds: {
      changed: 'Modifiées',
      removed: 'Retirées',
      reappeared: 'Réapparues',
      blocked: 'Bloquées',
      'takedowns-overdue': 'Signalements en retard',
      unfiled: 'Captures non classées',
    },
    hints: {
      changed: 'une nouvelle capture a trouvé le prix, le titre ou la disponibilité modifiés',
      removed: 'une nouvelle capture a trouvé l’annonce retirée (une vérification qui la trouve toujours retirée ne compte pas à nouveau)',
      reappeared: 'de nouveau en ligne après avoir été vue retirée',
      blocked: 'un captcha ou un contrôle anti-robot a empêché la capture',
      'takedowns-overdue': 'signalées il y a 7 jours ou plus, pas encore vues retirées',
      unfiled: 'captures rattachées à aucun vendeur, quelle que soit leur date',
    },
    workspace: 'Espace de travail',
  },
  attention: {
    back: 'Tableau de bord',
    empty: 'Rien à afficher.',
    shown: (n: number) => `${n} ${n <= 1 ? 'ligne' : 'lignes'}`,
    at: 'Date (UTC)',
    listing: 'Annonce',
    seller: 'Vendeur',
    outcome: 'Résultat',
    page: 'Page',
    evidence: 'Preuve',
    open: 'Ouvrir',
    report: 'Signalement',
    noSeller: 'aucun vendeur',
  },
};
