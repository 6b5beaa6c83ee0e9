import type { viewerEn } from './viewer.en.js';

/** Les mots du visualiseur de preuves, de la capture par lot et du clavier, en français. */

const n = (count: number) => count.toLocaleString('fr-FR');
const pages = (count: number) => `${n(count)} ${count === 1 ? 'page' : 'pages'}`;

export const viewerFr: typeof viewerEn = {
  finish: {
    skipToContent: 'Aller à la page',
  },
  viewer: {
    zoomIn: 'Agrandir',
    zoomOut: 'Réduire',
    zoomLevel: 'Zoom',
    fitWidth: 'Pleine largeur',
    fitHeight: 'Pleine hauteur',
    actual: '100 %',
    enlarge: 'Plein écran',
    leaveFull: 'Quitter le plein écran',
    keys: 'Flèches, Page préc./suiv., Début/Fin : déplacer ; + et − : zoom ; W : pleine largeur, H : pleine hauteur, 0 : taille réelle ; Échap : quitter le plein écran.',
    canvas: (w: number, h: number) => `Capture d’écran, ${n(w)} × ${n(h)} px. Flèches : déplacer ; + et − : zoom.`,
    resize: 'Redimensionner la capture d’écran et les détails',
    compare: 'Comparer avec',
    compareNone: 'aucune comparaison',
    compareHint: 'une autre capture de cette annonce',
    sideBySide: 'Côte à côte',
    overlay: 'Différences surlignées',
    comparing: 'Comparaison des deux captures d’écran…',
    changed: (share: string, cells: number) => `${share} de la page diffère (${n(cells)} zones de 16 × 16 px, entourées de rouge).`,
    same: 'Les deux captures d’écran sont identiques.',
    before: 'Capture antérieure',
    after: 'Cette capture',
    capturedAt: (at: string) => `capturée le ${at}`,
    download: 'Télécharger',
    saveCopy: 'Enregistrer une copie…',
    saveCopyLabel: (name: string) => `Enregistrer une copie de ${name}…`,
    savedTo: (path: string) => `Enregistré dans ${path} : SHA-256 vérifié à la sortie, copie consignée dans la chaîne de conservation.`,
    view: 'Afficher',
    viewPage: 'L’archive de la page, affichée sans ses scripts et sans accès au web',
    closeView: 'Fermer l’affichage de la page',
    sandboxNote: 'Affichée isolée : aucun script ne s’exécute et rien n’est chargé depuis le web ; les images que la page chargeait d’ailleurs manquent donc. Téléchargez le MHTML ou le WARC pour la page entière.',
  },
  batchRun: {
    concurrency: 'Pages à la fois',
    cancel: 'Annuler',
    cancelling: 'Arrêt : les pages en cours sont abandonnées et enregistrées comme annulées…',
    running: (k: number) => (k === 1 ? 'Capture d’une page à la fois…' : `Capture de ${n(k)} pages à la fois…`),
    summaryTitle: 'Résultat',
    complete: (c: number) => `${pages(c)} ${c === 1 ? 'complète' : 'complètes'}`,
    partial: (c: number) => `${pages(c)} ${c === 1 ? 'partielle' : 'partielles'}`,
    blocked: (c: number) => `${pages(c)} ${c === 1 ? 'bloquée' : 'bloquées'} (captcha ou contrôle anti-robot)`,
    gone: (c: number) => `${pages(c)} introuvable${c === 1 ? '' : 's'} ou retirée${c === 1 ? '' : 's'}`,
    error: (c: number) => `${n(c)} ${c === 1 ? 'erreur' : 'erreurs'} : rien de la page n’a été capturé`,
    cancelled: (c: number) => `${pages(c)} ${c === 1 ? 'annulée' : 'annulées'} en cours de capture`,
    skipped: (c: number) => `${pages(c)} non ${c === 1 ? 'commencée' : 'commencées'}`,
    ended: (done: number, total: number) => `Terminé : ${n(done)} sur ${pages(total)}.`,
    cancelledAfter: (done: number, total: number) => `Annulé : ${n(done)} sur ${pages(total)} traitées. Ce qui a été capturé reste dans l’espace de travail.`,
    failed: 'Le lot n’a pas pu être lancé',
    stateCancelled: 'annulée',
    stateFailed: 'erreur',
    cancelledReason: 'annulée en cours de capture (ce qui avait été recueilli est scellé)',
  },
};
