import type { stampEn } from './stamp.en.js';

/** Les mots de l’horodatage (les jetons d’une capture, le contrôle de l’horloge, les autorités dans les Réglages) en français : les mêmes clés que stamp.en.ts. */

const LOCALE = 'fr-FR';
const plural = (n: number, one: string, many: string) => `${n.toLocaleString(LOCALE)} ${n <= 1 ? one : many}`;
const fixed = (n: number, digits: number) => n.toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Pourquoi l’horloge n’a pas été vérifiée, tel que le cœur l’enregistre ; le reste est montré tel quel. */
const REASONS: Record<string, string> = {
  'no NTP server configured': 'aucun serveur NTP n’est configuré (Réglages\u202f: serveurs NTP «\u00a0none\u00a0»)',
  'no NTP check was made for this capture session': 'aucun contrôle NTP n’a été fait pour cette session de capture',
};

export const stampFr: typeof stampEn = {
  stamp: {
    title: 'Horodatage',
    explain:
      'Un jeton d’horodatage délivré par une autorité indépendante prouve que le manifeste signé de cette capture existait au plus tard à l’heure de l’autorité. Il ne prouve rien de plus\u202f: l’heure à laquelle la page a été capturée vient de l’horloge de la machine, indiquée plus haut.',
    machineTime: 'Horloge de la machine, fin de la capture',
    authorityTime: 'Heure de l’autorité',
    clock: 'Contrôle de l’horloge',
    utc: (time: string) => `${time} UTC`,
    local: (time: string) => `heure locale ${time}`,
    existed: (genTime: string, authority: string, serial: string) => `existait au plus tard le ${genTime} (${authority}, numéro de série ${serial})`,
    gap: (amount: string, after: boolean) => `${amount} ${after ? 'après' : 'avant'} l’heure de la machine`,
    sameTime: 'identique à l’heure de la machine',
    amount: (ms: number) => {
      const abs = Math.abs(ms);
      if (abs < 60_000) return `${fixed(abs / 1000, 1)} s`;
      if (abs < 3_600_000) return `${fixed(abs / 60_000, 1)} min`;
      if (abs < 172_800_000) return `${fixed(abs / 3_600_000, 1)} h`;
      return `${fixed(abs / 86_400_000, 1)} jours`;
    },
    file: (name: string) => `fichier du jeton ${name}`,
    stamped: 'horodatée',
    pending: 'Horodatage en attente',
    pendingBadge: 'en attente',
    queued: (at: string, attempts: number) => `mis en file le ${at} UTC\u202f; ${attempts === 0 ? 'pas encore tenté' : `${plural(attempts, 'tentative', 'tentatives')} jusqu’ici`}`,
    lastError: (error: string) => `dernière erreur\u202f: ${error}`,
    pendingExplain: 'Exhibit interroge de nouveau les autorités chaque minute tant qu’il est ouvert. Tant qu’aucun jeton n’est reçu, rien n’est affirmé sur l’heure de l’autorité.',
    notStamped: 'Non horodatée\u202f: capturée avant qu’Exhibit n’horodate les captures.',
    notStampedBadge: 'non horodatée',
    stampNow: 'Horodater maintenant',
    stamping: 'Interrogation des autorités d’horodatage…',
    runResult: (stamped: number, pending: number) =>
      `${stamped === 0 ? 'Aucun horodatage reçu' : plural(stamped, 'horodatage reçu', 'horodatages reçus')}\u202f; ${pending === 0 ? 'rien n’est en attente.' : `${pending.toLocaleString(LOCALE)} encore en attente.`}`,
    failure: (authority: string, error: string) => `${authority}\u202f: ${error}`,
    clockChecked: (server: string, offsetMs: number, roundTripMs: number) =>
      `Horloge de la machine vérifiée auprès du serveur NTP ${server}\u202f: ${offsetMs > 0 ? 'en retard' : 'en avance'} de ${fixed(Math.abs(offsetMs) / 1000, 3)} s (aller-retour ${Math.round(roundTripMs).toLocaleString(LOCALE)} ms)`,
    clockNotChecked: (reason: string) => `Horloge non vérifiée auprès d’un serveur NTP\u202f: ${REASONS[reason] ?? reason}`,
    clockNotRecorded: 'Horloge non vérifiée auprès d’un serveur NTP\u202f: le manifeste de cette capture n’enregistre aucun contrôle de l’horloge.',
    warningTag: 'Attention',
    clockWarning: (server: string, offsetMs: number) =>
      `l’horloge de la machine ${offsetMs > 0 ? 'retardait' : 'avançait'} de ${fixed(Math.abs(offsetMs) / 1000, 1)} s sur ${server} (NTP) au début de cette session de capture. L’heure de l’autorité n’en dépend pas.`,
  },
  trustedTime: {
    title: 'Horodatage',
    help: 'L’empreinte du manifeste de chaque capture (seulement l’empreinte, jamais la page) est envoyée à chacune des autorités ci-dessous. Le jeton que renvoie chacune prouve que la capture existait au plus tard à l’heure de l’autorité.',
    authorities: 'Autorités d’horodatage',
    noAuthorities: 'Aucune autorité n’est configurée\u202f: les nouvelles captures resteront en attente tant qu’aucune n’est ajoutée.',
    name: 'Nom',
    url: 'Adresse',
    roots: 'Certificats racines que vous avez ajoutés',
    builtIn: 'racines intégrées seulement',
    rootLine: (subject: string) => subject,
    remove: 'Retirer',
    removeLabel: (name: string) => `Retirer ${name}`,
    add: 'Ajouter une autorité',
    addUrl: 'Adresse (http:// ou https://)',
    addName: 'Nom (facultatif)',
    addRoot: 'Certificat racine, PEM (facultatif)',
    addRootPlaceholder: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----',
    addButton: 'Ajouter l’autorité',
    adding: 'Ajout…',
    added: 'Ajoutée.',
    clockCheck: 'Contrôle de l’horloge',
    ntp: 'Serveurs NTP',
    ntpHelp: 'L’horloge est vérifiée auprès de ces serveurs à chaque session de capture\u202f: hôte ou hôte:port, séparés par des virgules. Vide\u202f: les serveurs par défaut\u202f; «\u00a0none\u00a0»\u202f: pas de contrôle.',
    ntpPlaceholder: 'les serveurs par défaut',
    ntpSave: 'Enregistrer les serveurs NTP',
    ntpSaved: 'Enregistré.',
    status: 'État',
    keyStamped: (line: string) => `Clé horodatée pour la première fois\u202f: ${line}`,
    keyPending: (queued: string) => `Clé\u202f: horodatage en attente (${queued})`,
    keyNotStamped: 'Clé\u202f: non horodatée (créée avant qu’Exhibit n’horodate les clés).',
    pendingCount: (n: number) =>
      n === 0 ? 'Rien n’attend d’horodatage.' : `${plural(n, 'élément attend', 'éléments attendent')} un horodatage (des captures, et la clé si elle n’est pas encore horodatée).`,
    waiting: 'En attente',
  },
};
