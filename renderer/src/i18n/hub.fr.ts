import type { hubEn } from './hub.en.js';

/** Les mots de la carte du hub de l’équipe (#21). */
export const hubFr: typeof hubEn = {
  hub: {
    title: 'Hub de l’équipe',
    help: 'Envoyer transmet au hub de votre équipe les captures de cet espace de travail, leurs manifestes signés, leurs horodatages et le registre de traçabilité. Seul ce qui manque au hub est transmis ; le hub vérifie tout avant d’en garder quoi que ce soit. Chaque envoi est consigné dans le registre de traçabilité de cet espace de travail.',
    url: 'Adresse du hub',
    urlPlaceholder: 'http://hub.exemple:8787',
    token: 'Votre jeton',
    tokenPlaceholder: 'exh_…',
    tokenKept: 'Un jeton est enregistré : laissez vide pour le garder.',
    tokenHelp: 'Gardé dans cet espace de travail seulement : jamais dans le registre de traçabilité, un journal ou un dossier.',
    save: 'Enregistrer le hub',
    saved: 'Enregistré.',
    push: 'Envoyer au hub',
    pushing: 'Envoi en cours…',
    progress: (sent, total) => `${sent} fichier(s) sur ${total} transmis`,
    starting: 'Le hub est interrogé sur ce qui lui manque…',
    done: (sent, there) => `${sent} fichier(s) transmis ; ${there} déjà dans le hub.`,
    captures: (n) => `${n} capture(s) nouvelle(s) pour le hub.`,
    receipt: (seq) => `Reçu du hub : son entrée de traçabilité ${seq}.`,
    recorded: (seq) => `Consigné dans le registre de traçabilité de cet espace de travail (entrée ${seq}).`,
    nothing: 'Le hub avait déjà tout.',
    refused: 'L’envoi n’a pas abouti. Réponse du hub, telle quelle (en anglais) :',
    history: 'Envois consignés',
    historyLine: (captures, files, user) => `${captures} capture(s), ${files} fichier(s), sous le nom ${user}`,
    noUrl: 'Saisissez l’adresse du hub et votre jeton, puis Envoyer.',
  },
};
