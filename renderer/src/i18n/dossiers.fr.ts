import type { dossiersEn } from './dossiers.en.js';

/** Les mots de l'écran Dossiers, du fichier d'un dossier produit, et des tableaux, en français. */

export const dossiersFr: typeof dossiersEn = {
  dossiers: {
    nav: 'Dossiers',
    title: 'Dossiers',
    intro: 'Chaque dossier produit dans cet espace de travail, tel que son journal de traçabilité l’enregistre. Contrôlez-en un pour relire son PDF face aux preuves\u202f; le résultat est conservé, avec sa date.',
    list: 'Dossiers produits',
    empty: 'Aucun dossier produit pour l’instant\u202f: produisez-en un depuis un vendeur, une affaire ou des captures choisies.',
    madeAt: 'Produit (UTC)',
    of: 'Objet',
    file: 'Fichier',
    pages: 'Pages',
    exhibits: 'Pièces',
    lang: 'Langue',
    status: 'Vérification',
    actions: 'Actions',
    notChecked: 'pas encore contrôlé',
    checkedOk: (at: string) => `vérifié le ${at}`,
    checkedBad: (n: number, at: string) => `${n} ${n === 1 ? 'problème constaté' : 'problèmes constatés'} le ${at}`,
    checkedMissing: (at: string) => `fichier introuvable le ${at}`,
    check: 'Contrôler',
    checking: 'Contrôle…',
    chosenCaptures: (n: number) => `${n} ${n === 1 ? 'capture choisie' : 'captures choisies'}`,
    langs: { en: 'anglais', fr: 'français' },
  },
  dossierFile: {
    path: 'Chemin complet',
    open: 'Ouvrir',
    download: 'Télécharger',
    showInFolder: 'Afficher dans le dossier',
    openLabel: (file: string) => `Ouvrir ${file}`,
    downloadLabel: (file: string) => `Télécharger ${file}`,
    showLabel: (file: string) => `Afficher ${file} dans son dossier`,
    allDossiers: 'Tous les dossiers',
  },
  custodyWords: {
    raw: 'Tel qu’enregistré (JSON)',
  },
  tables: {
    actions: 'Actions',
    evidence: 'Preuve',
    screenshot: 'Capture d’écran',
  },
};
