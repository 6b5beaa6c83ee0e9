import { TRIAGE_DECISION_LABELS } from '../../fakes/terms.js';
import { clip, interval, list, num, obj, str } from './details.js';
import type { CustodyDetails, CustodyWordsContext, DossierStrings } from './strings.js';
import { fieldNamesIn } from '../../terms/field-names.js';
import { traderFieldNamesIn } from '../../terms/trader-fields.js';

export const fr: DossierStrings = {
  lang: 'fr',
  locale: 'fr-FR',
  title: 'Dossier de preuves',
  oneCapture: '1 capture',
  nCaptures: '{n} captures',
  subtitleSeller: "Annonces en ligne d'un vendeur",
  subtitleCase: 'Annonces en ligne',
  subtitleCaptures: 'Pages web capturées',
  cover: {
    case: 'Affaire',
    sellers: 'Vendeur(s)',
    marketplaces: 'Place(s) de marché',
    period: 'Période couverte',
    preparedBy: 'Établi par',
    generatedAt: 'Généré le',
    dossierId: 'Identifiant du dossier',
    caseReference: 'Référence de l’affaire',
    signingKey: 'Clé de signature de l’espace de travail (empreinte SHA-256)',
    manifestKey: 'Clé de signature du manifeste du dossier (empreinte SHA-256\u202f; clé de chaque pièce\u202f: section 9)',
    signingCertificate: 'Certificat de la signature du PDF (SHA-256)',
    exhibits: 'Pièces',
    confidential: "Chaque pièce de ce dossier a été capturée, empreinte et signée par Exhibit au moment de la capture. La section 9 explique comment vérifier que rien n'a changé depuis.",
  },
  toc: 'Sommaire',
  sections: {
    cover: 'Page de garde',
    contents: 'Sommaire',
    sellers: 'Synthèse des vendeurs',
    listings: 'Annonces',
    exhibits: 'Pièces',
    changes: 'Évolution dans le temps',
    method: 'Méthode et environnement',
    custody: 'Chaîne de conservation',
    verify: 'Comment vérifier ce dossier',
    certification: 'Attestation de l’enquêteur',
  },
  seller: {
    names: 'Noms relevés',
    ids: 'Identifiants du vendeur',
    profile: 'Profil',
    status: 'Statut',
    statusHistory: 'Historique du statut',
    listings: 'Annonces',
    captures: 'Captures',
    firstSeen: 'Première constatation',
    lastSeen: 'Dernière constatation',
    mergedFrom: 'Comptes traités comme un même opérateur',
    notes: 'Notes',
    tags: 'Étiquettes',
    none: 'aucun',
    statuses: { active: 'actif', reported: 'signalé', removed: 'retiré' },
    traderChanges: 'Coordonnées du professionnel modifiées',
    traderChangesColumns: { at: 'UTC', field: 'Champ', before: 'Avant', after: 'Après', captures: 'Captures' },
    traderField: traderFieldNamesIn('fr'),
    comparedWith: 'comparée à',
  },
  listingsTable: { listing: 'Annonce', title: 'Titre', price: 'Prix', seller: 'Vendeur', captures: 'Captures', lastSeen: 'Dernière constatation', none: 'Aucune capture de ce dossier n’a été identifiée comme une annonce de place de marché.' },
  linked: {
    title: 'Comptes liés',
    intro: 'Comptes vendeurs que les preuves rattachent à un même opérateur\u202f: comptes partageant un numéro d’immatriculation, un téléphone, une adresse électronique ou un identifiant de messagerie, ou plusieurs indices plus faibles réunis (liens forts), et ceux que l’enquêteur a confirmés comme un même opérateur. Chaque élément partagé est indiqué là où il a été relevé\u202f: la pièce (ou la capture), le fichier et le champ, tel que la page l’écrivait.',
    operator: 'Opérateur',
    accounts: 'Comptes',
    strong: 'lien fort',
    weak: 'lien faible',
    score: (n) => `score ${String(n).replace('.', ',')}`,
    confirmed: 'confirmé par l’enquêteur',
    shared: 'Élément partagé',
    value: 'Valeur',
    seenA: 'Relevé sur le premier compte',
    seenB: 'Relevé sur le second compte',
    exhibit: 'Pièce',
    capture: 'capture',
    notInDossier: 'absente de ce dossier',
    mirrored: 'copie en miroir',
    kinds: { vat: 'Numéro de TVA', company: 'Numéro d’immatriculation', email: 'Courriel', phone: 'Téléphone', chat: 'Messagerie', website: 'Site web', address: 'Adresse', image: 'Image', text: 'Texte d’annonce' },
  },
  exhibit: {
    exhibit: 'Pièce',
    url: 'Adresse demandée',
    finalUrl: 'Adresse finale',
    documentUrl: 'Adresse affichée par la page (son script peut la réécrire)',
    partialReasons: 'Pourquoi partielle',
    capturedAt: 'Capturée le',
    captureId: 'Identifiant de capture',
    httpStatus: 'Statut HTTP',
    serverIp: 'Adresse IP du serveur',
    outcome: 'Résultat',
    listing: 'Annonce',
    seller: 'Vendeur',
    screenshot: "Capture d'écran de la page entière",
    screenshotContinued: "Capture d'écran de la page entière (suite)",
    screenshotImported: "Pas de capture d'écran\u202f: fichier importé (voir sa pièce jointe ou l'espace de travail).",
    screenshotNone: "Pas de capture d'écran\u202f: la page n'a pas pu être capturée (voir le résultat ci-dessus).",
    screenshotScale: 'Reproduite à {scale}\u202f% de sa taille capturée ({width} × {height} px)\u202f; pixels {from} à {to} sur {height}.',
    fields: "Données extraites de l'annonce",
    field: 'Donnée',
    value: 'Valeur',
    source: 'Relevée dans',
    corrected: "corrigée par l'enquêteur",
    extractedWas: 'valeur extraite',
    correctedFormat: 'corrigée par l’enquêteur\u202f: {reason}\u202f; valeur extraite\u202f: {extracted}',
    artifacts: 'Fichiers et leurs empreintes SHA-256',
    artifactName: 'Fichier',
    size: 'Taille',
    sha256: 'SHA-256',
    manifest: 'Manifeste signé (manifest.json)',
    signature: 'Signature Ed25519 du manifeste',
    signedWithKey: 'Manifeste signé avec la clé dont l’empreinte SHA-256 est\u202f:',
    signedWithKeyOf: 'Manifeste signé avec la clé de {name}, dont l’empreinte SHA-256 est\u202f:',
    imported: "Importée, non capturée par Exhibit\u202f: cette page a été enregistrée par d'autres moyens puis importée dans Exhibit, qui l'a empreinte et signée à l'import.",
    partial: 'Capturée en partie',
    blocked: "Page bloquée\u202f: un captcha, un contrôle anti-robot ou une demande de connexion s'est affiché à la place de l'annonce.",
    note: 'Note consignée lors de la capture (partie intégrante de la preuve signée)',
    sourceFormat: '{kind}\u202f: {detail}',
    sourceKinds: {
      'json-ld': 'données structurées (JSON-LD)',
      microdata: 'données structurées (microdonnées)',
      meta: 'balise meta',
      canonical: 'lien canonique',
      selector: 'élément de la page',
      url: 'adresse de la page',
      script: 'données de script',
    },
    sourceDetail: (kind, detail) => (kind === 'url' ? urlDetail(detail) : detail),
    availability: { 'in-stock': 'en stock', 'out-of-stock': 'en rupture de stock', preorder: 'en précommande', limited: 'stock limité', discontinued: 'plus fabriqué', unknown: 'inconnue' },
    shipsFromPlace: 'Lieu où se trouve l’objet',
    knownReasons: { 'named by the investigator when capturing (--seller)': 'indiqué par l’enquêteur lors de la capture (--seller)' },
    band: { url: 'Adresse', captured: 'Capturée le', captureId: 'Identifiant de capture', file: 'SHA-256 de {name}' },
  },
  time: {
    machineClock: 'Horloge machine',
    clockChecked: '{offset} s {direction} le serveur NTP {server} (aller-retour {rtt} ms), vérifiée à l’ouverture de la session de capture',
    behind: 'en retard sur',
    ahead: 'en avance sur',
    clockReason: ntpReasonFr,
    clockNotChecked: 'non vérifiée auprès d’un serveur NTP : {reason}',
    clockUnknown: 'non vérifiée auprès d’un serveur NTP (capture antérieure à la vérification de l’horloge par Exhibit)',
    clockWarning: 'Avertissement : à l’ouverture de cette session de capture, l’horloge de la machine de capture était {offset} s {direction} le serveur NTP {server}. Les heures lues sur cette horloge sont décalées d’autant ; l’horodatage ci-dessous n’en dépend pas.',
    timestamp: 'Horodatage',
    timestampTitle: 'Horodatage (RFC 3161)',
    existed: 'Le manifeste signé existait au plus tard le {time} — {authority}, numéro de série {serial} ; {gap} l’heure de fin selon la machine (fichier {file})',
    gapBefore: '{amount} avant',
    gapAfter: '{amount} après',
    pending: 'Horodatage en attente : aucune autorité d’horodatage n’était joignable lors de cette capture ; la demande est conservée et sera faite dès que possible.',
    none: 'Aucun : capture antérieure à l’horodatage des captures par Exhibit.',
    meaning:
      'Un jeton d’horodatage est délivré par une autorité d’horodatage indépendante (RFC 3161). Il prouve que le manifeste signé, et donc chaque fichier dont il donne l’empreinte SHA-256, existait au plus tard à l’heure indiquée par l’autorité ; il ne dit rien de ce qui précède. L’heure de l’horloge de la machine de capture figure à côté, avec l’écart entre les deux.',
    keyStamped: 'La clé de l’espace de travail a été horodatée pour la première fois : elle existait au plus tard le {time} ({authority}, numéro de série {serial}).',
    keyPending: 'La clé de l’espace de travail n’a pas encore été horodatée (en attente).',
    opensslTitle: 'Vérifier un horodatage avec OpenSSL seul',
    opensslIntro:
      'Les jetons d’horodatage de chaque pièce sont joints à ce PDF (A-1_timestamp-1.tsr…), avec tsa-roots.pem, les certificats racines dont ils dépendent (comparez leurs empreintes SHA-256 avec celles que publie l’autorité). Enregistrez les pièces jointes, puis pour chaque jeton :',
  },
  fieldNames: fieldNamesIn('fr'),
  outcomes: {
    complete: 'capturée entièrement',
    partial: 'capturée en partie',
    blocked: 'bloquée (captcha ou contrôle anti-robot)',
    'not-found': 'introuvable (HTTP 404)',
    gone: 'supprimée (HTTP 410)',
    'http-error': 'erreur HTTP',
    'server-error': 'erreur du serveur (5xx)',
    'dns-failure': 'nom de domaine introuvable',
    'connection-refused': 'connexion refusée',
    'tls-error': 'certificat TLS rejeté',
    'redirect-loop': 'boucle de redirections',
    'network-error': 'erreur réseau',
    download: "un téléchargement, pas une page",
    imported: 'importée, non capturée par Exhibit',
  },
  partialReasonLabels: {
    'step-incomplete': "une étape a dépassé son délai ou échoué",
    deadline: 'le délai de la capture a expiré ; ce qui était recueilli à ce moment a été scellé',
    unresponsive: 'la page ne répondait plus (un script qui ne rend jamais la main)',
    'script-stopped': "un script qui ne rendait jamais la main a été arrêté pour que la page puisse être capturée",
    'renderer-crashed': "la page a fait planter l'onglet du navigateur (mémoire épuisée ou arborescence trop profonde)",
    'too-large': "la page dépasse la taille qu'une capture conserve ; l'excédent est signalé, non conservé",
    'empty-page': 'le serveur a répondu, mais la page est vide',
    cancelled: 'l’enquêteur a annulé la capture en cours ; ce qui avait été recueilli a été scellé',
  },
  found: {
    title: 'Comment les annonces ont été trouvées',
    intro:
      'Ces annonces ont été trouvées par une recherche surveillée sur la place de marché\u202f: Exhibit en a capturé les pages de résultats comme éléments de preuve, a lu chaque résultat et lui a attribué un score de suspicion, somme pondérée des signaux indiqués avec ce qui a été constaté. Le score oriente l’enquêteur vers une annonce\u202f; il ne prouve rien à lui seul.',
    listing: 'Annonce {listing}',
    search: 'Recherche',
    brand: 'Pour la marque',
    firstSeen: 'Trouvée le',
    resultPage: 'Page de résultats capturée',
    exhibitRef: 'pièce {n}',
    captureRef: 'capture {id} (conservée dans l’espace de travail\u202f; SHA-256 du manifeste {sha})',
    position: 'page {page}, résultat {position}',
    score: 'Score de suspicion',
    scoreValue: '{score} sur 100',
    reasons: 'Raisons',
    noReason: 'aucun signal',
    decision: 'Décision de tri',
    signals: {
      'price-low': 'Prix très inférieur au prix public du catalogue',
      'replica-words': 'Mots de contrefaçon dans le titre ou le texte',
      'official-image': 'Une image officielle réutilisée',
      'unauthorised-brand': 'Nom de la marque chez un vendeur non autorisé',
      'seller-signals': 'Signaux vendeur',
      'removed-before': 'Une annonce de ce vendeur déjà retirée',
    },
    decisions: { counterfeit: 'contrefaçon', genuine: 'authentique', 'test-buy': 'achat test nécessaire' },
  },
  changes: {
    none: "Aucune annonce de ce dossier n'a été capturée ni vérifiée de nouveau après sa première capture, ni signalée à sa place de marché.",
    intro: [
      "Pour chaque annonce de ce dossier\u202f: les dates de première constatation et de dernière vérification, ce que chaque capture ultérieure a montré par rapport à la dernière capture où l'annonce apparaissait, les dates de retrait et de réapparition, et les signalements adressés à son sujet.",
      "Une modification est un changement du prix, du titre, du vendeur, de la disponibilité ou des images (dénombrées, non reproduites), indiqué avec sa valeur avant et après. La part de la capture d'écran de la page entière qui diffère n'est donnée qu'à titre indicatif\u202f: les places de marché changent bannières et recommandations à chaque chargement. Une annonce n'est tenue pour retirée que sur preuve\u202f: une réponse HTTP 404 ou 410, ou l'avis de retrait de la place de marché elle-même\u202f; une vérification bloquée ou en échec ne permet aucune conclusion. Les vérifications sans changement sont dénombrées, non détaillées. Une capture qui n'est pas une pièce de ce dossier est désignée par son identifiant de capture\u202f: elle est conservée dans l'espace de travail, avec ses entrées du journal de conservation.",
    ],
    onlyFirst: 'Annonces constatées une seule fois, ni capturées ni vérifiées depuis',
    exhibitRef: ' (pièce {n})',
    firstSeen: 'Première constatation',
    lastChecked: 'Dernière vérification',
    status: 'Statut',
    statusValues: { up: 'en ligne lors de la dernière vérification', removed: 'retirée lors de la dernière vérification', unknown: "indéterminé\u202f: aucune vérification n'a montré l'annonce ni son retrait" },
    removedOn: 'Retirée le',
    reappearedOn: 'Réapparue le',
    columns: { at: 'Date (UTC)', event: 'Événement', details: 'Détail', exhibit: 'Pièce ou capture' },
    events: { firstSeen: 'Première constatation', captured: 'Capturée à nouveau', changed: 'Modifiée', removed: 'Retirée', reappeared: 'Réapparue', reported: 'Signalée', checks: 'Vérifications' },
    fields: { price: 'Prix', title: 'Titre', seller: 'Vendeur', availability: 'Disponibilité', images: 'Images', listing: 'Annonce affichée', text: 'Texte visible' },
    change: '{field}\u202f: {before} → {after}',
    quoted: '«\u00a0{text}\u00a0»',
    nothing: '(néant)',
    images: (n) => (n <= 1 ? `${n} image` : `${n} images`),
    price: 'Prix\u202f: {price}',
    screenshotDiff: "{share} de la capture d'écran diffère",
    screenshotDiffMax: "Au plus {share} de la capture d'écran diffère",
    byStatus: 'la page a renvoyé le statut HTTP {status}',
    byNotice: "la page affiche l'avis de la place de marché «\u00a0{matched}\u00a0»",
    afterReport: (days, on) => (days === 0 ? `Le jour même du signalement du ${on}` : `${dayCount(days)} après le signalement du ${on}`),
    unchanged: (n) => (n === 1 ? 'Vérifiée une fois, sans changement' : `Vérifiée ${n} fois, sans changement`),
    stillRemoved: (n) => (n === 1 ? 'Vérifiée une fois, toujours retirée' : `Vérifiée ${n} fois, toujours retirée`),
    blocked: (n) => (n === 1 ? '1 vérification bloquée (captcha ou contrôle anti-robot)' : `${n} vérifications bloquées (captcha ou contrôle anti-robot)`),
    failed: (n) => (n === 1 ? '1 vérification en échec (erreur réseau ou du serveur)' : `${n} vérifications en échec (erreur réseau ou du serveur)`),
    reportedTo: 'Plateforme\u202f: {platform}{programme}{ref}',
    reportRef: ', signalement n°\u00a0{ref}',
    reports: { title: 'Signalements (demandes de retrait)', reportedOn: 'Signalée le', platform: 'Plateforme', programme: 'Programme', reportId: 'N° de signalement', outcome: 'Suite donnée' },
    programmeOther: 'autre',
    fate: {
      removed: (days) => removedAfter(days),
      cameBack: (days, on) => `${removedAfter(days)}\u202f; réapparue le ${on}`,
      stillUp: (last) => `toujours en ligne lors de la dernière vérification (${last})`,
      notChecked: 'non vérifiée depuis le signalement',
    },
  },
  method: {
    intro: [
      "Chaque page a été capturée par Exhibit dans un navigateur Chromium piloté par le protocole Chrome DevTools. Pour chaque capture, Exhibit charge l'adresse, attend la fin du chargement, fait défiler la page pour faire apparaître les contenus chargés à la demande, attend que le réseau se calme (dans des délais fixés), puis enregistre\u202f: une capture d'écran de la page entière, une capture de la fenêtre visible, une archive MHTML, un fichier WARC de toutes les requêtes et réponses avec l'adresse du serveur de chacune, la page rendue et le document tel que reçu, le texte visible, un journal réseau (HAR), la chaîne de certificats TLS, la chaîne de redirections et l'environnement décrit ci-dessous.",
      "Chaque fichier est empreint en SHA-256 au moment de son enregistrement. La liste des fichiers et de leurs empreintes (le manifeste) est écrite en JSON canonique et signée avec la clé Ed25519 de l'espace de travail. La capture, ses fichiers et une entrée du journal de conservation sont enregistrés ensemble dans une seule transaction\u202f; le journal est en ajout seul et chaque entrée porte l'empreinte de la précédente.",
      "L'environnement de chaque capture est présenté ci-dessous selon les prérequis de la norme NF Z67-147 relative au constat sur internet\u202f: la machine et le système d'exploitation, le navigateur, la connexion réseau et l'éventuel proxy, l'état du profil du navigateur (profil vierge\u202f: cache, cookies et stockage vides, sauf mention contraire) et la source de l'heure.",
    ],
    tools: 'Outils et versions',
    perCapture: 'Environnement de chaque capture',
    machine: 'Machine',
    os: "Système d'exploitation",
    browser: 'Navigateur',
    userAgent: 'Agent utilisateur',
    viewport: 'Fenêtre',
    network: 'Réseau',
    proxyNone: 'connexion directe, sans proxy',
    profile: 'Profil du navigateur',
    profileClean: 'profil vierge\u202f: cache vide, sans cookies ni stockage',
    profilePersistent: 'profil persistant «\u00a0{name}\u00a0»\u202f: cookies et connexions conservés entre les captures',
    timeSource: "Source de l'heure",
    timeZone: 'Fuseau horaire',
    investigator: 'Enquêteur',
    started: 'Début',
    finished: 'Fin',
    ntpYes: 'horloge système, synchronisée avec un serveur de temps',
    ntpNo: 'horloge système, non synchronisée avec un serveur de temps',
    ntpUnknown: 'horloge système (synchronisation inconnue)',
    importedNote: "fichier importé\u202f: pas d'environnement de capture (voir la pièce)",
    generatedBy: '(dossier généré par {version})',
    algorithms: 'Ed25519 (RFC 8032)\u202f; SHA-256 (FIPS 180-4)\u202f; JSON canonique (RFC 8785)',
  },
  custody: {
    intro: "Le journal de conservation de l'espace de travail consigne, au moment où il survient, chaque événement qui touche aux preuves\u202f: chaque entrée est numérotée, datée, nomme son auteur et porte l'empreinte de l'entrée précédente, de sorte qu'aucune entrée ne peut être modifiée, supprimée ou insérée sans rompre toutes les empreintes qui la suivent.",
    all: 'Les {n} entrées du journal sont reproduites, de la n°\u00a01 à la tête de la chaîne lors de la création de ce dossier.',
    subjectsOnly: "Le journal compte {total} entrées, trop pour être toutes reproduites\u202f: figurent ici les {n} entrées qui concernent les captures, annonces, vendeurs et l'affaire de ce dossier, et toutes les entrées qui concernent l'espace de travail lui-même (création, réglages, autorités d'horodatage, clé et vérifications). Les numéros manquants concernent d'autres affaires\u202f; le journal complet est dans l'espace de travail.",
    hubIntro:
      "Chaque espace de travail ou automate tient son propre journal de traçabilité, qui consigne au fil de l'eau chaque événement touchant ses preuves\u202f: chaque entrée est numérotée, datée, nomme son auteur et porte l'empreinte de l'entrée précédente. Le serveur d'équipe conserve chaque journal tel qu'il a été transmis, signé par la clé de l'espace de travail.",
    hubScope: "Sont reproduites ici les {n} entrées relatives aux captures de ce dossier, tirées des journaux des {logs} espaces de travail et automates qui les ont faites, dans l'ordre chronologique. Chaque journal numérote ses propres entrées\u202f: la colonne «\u00a0Auteur\u00a0» indique dans quel journal figure une entrée.",
    hubHowTo: [
      "L'empreinte de chaque entrée est le SHA-256 du JSON canonique (RFC 8785) de {action, actor: {investigator, osUser}, at, details, prevHash, seq, subject}, où prevHash est l'empreinte de l'entrée précédente du même journal (64 zéros pour l'entrée n° 1).",
      "exhibit hub verify recalcule chaque empreinte de chaque journal conservé par le serveur et parcourt chaque chaîne de l'entrée n° 1 à sa tête\u202f; dans l'espace de travail qui a fait une capture, exhibit log --json imprime tout son journal et exhibit verify le vérifie.",
    ],
    howToTitle: 'Vérifier la chaîne',
    howTo: [
      "L'empreinte de chaque entrée est le SHA-256 du JSON canonique (RFC 8785) de {action, actor: {investigator, osUser}, at, details, prevHash, seq, subject}, où details sont les détails de l'entrée tels qu'enregistrés et prevHash l'empreinte de l'entrée précédente (64 zéros pour l'entrée n°\u00a01). Les détails sont dans l'espace de travail\u202f: «\u00a0exhibit log --json\u00a0» imprime chaque entrée en entier, et «\u00a0exhibit verify\u00a0» recalcule chaque empreinte et parcourt la chaîne de la n°\u00a01 à sa tête.",
      "Comparez les empreintes imprimées ici à cette sortie\u202f: la tête de la chaîne indiquée ci-dessous doit être l'empreinte de la dernière entrée reproduite, et une entrée qui diffère, ou qui manque, change toutes les empreintes qui la suivent.",
    ],
    seq: 'N°',
    at: 'Heure (UTC)',
    actor: 'Auteur',
    action: 'Événement',
    hash: 'SHA-256',
    head: 'Tête de la chaîne de conservation lors de la création de ce dossier',
    words: custodyWords(),
    unknown: (action) => `Événement «\u00a0${action}\u00a0» (consigné par une version plus récente d'Exhibit)`,
    classifications: { first: "première capture de l'annonce", unchanged: 'sans changement', changed: 'modifiée', removed: 'retirée', blocked: 'bloquée (captcha ou contrôle anti-robot)', error: 'en échec (erreur réseau ou du serveur)' },
  },
  verify: {
    intro: [
      "Chaque pièce indique l'empreinte SHA-256 de chaque fichier capturé et de son manifeste signé. Chacun peut recalculer une empreinte avec des outils courants et la comparer à la valeur imprimée ici\u202f: un seul octet modifié donne une empreinte entièrement différente.",
      "Les manifestes sont signés avec la clé Ed25519 de l'espace de travail dans lequel les captures ont été faites. L'empreinte de la clé publique est\u202f:",
    ],
    fingerprint: 'Empreinte de la clé publique (SHA-256 de la clé)',
    keysIntro:
      "Les pièces proviennent du serveur d'équipe\u202f: chaque manifeste est signé avec la clé Ed25519 de l'espace de travail ou de l'automate qui a fait la capture, comme l'indique la page de la pièce. Chaque clé est jointe à ce PDF (public-key-….pem, nommée par le début de son empreinte), avec son empreinte ci-dessous\u202f:",
    keyTitle: (n, name) => `Clé ${n}${name ? ` — ${name}` : ''}`,
    keySigned: ({ dossier, exhibits }) =>
      `A signé ${[dossier ? 'le manifeste du dossier (dossier-manifest.json)' : '', exhibits.length > 0 ? `le${exhibits.length > 1 ? 's' : ''} manifeste${exhibits.length > 1 ? 's' : ''} de${exhibits.length > 1 ? 's' : ' la'} pièce${exhibits.length > 1 ? 's' : ''} ${exhibits.join(', ')}` : ''].filter((x) => x).join(' et ')}.`,
    pdfSignatureTitle: 'La signature de ce PDF',
    pdfSignature: (subject) => [
      `Ce PDF est signé (PAdES) par ${subject}, avec le certificat dont l’empreinte SHA-256 est reproduite ci-dessous et en couverture. Le panneau des signatures d’un lecteur PDF indique qui l’a signé et si le fichier a changé depuis\u202f; en ligne de commande, «\u202fpdfsig DOSSIER.pdf\u202f» (poppler) vérifie la même chose.`,
      'La signature porte un horodatage délivré par une autorité d’horodatage, puis un horodatage du document scelle le fichier entier avec les certificats nécessaires à sa vérification ultérieure. Un dossier établi sans réseau est signé sans eux\u202f; «\u202fexhibit stamp DOSSIER.pdf\u202f» ajoute ensuite l’horodatage du document, par une mise à jour qui ne change rien à ce que montrent les pages. Les certificats racines des horodatages sont joints (tsa-roots.pem), pour «\u202fopenssl ts -verify\u202f».',
    ],
    signatureReason: (id, by) => `Dossier Exhibit ${id}\u202f: signé par ${by}`,
    stepsTitle: 'Vérifier un fichier à la main',
    steps: [
      'Exporter les fichiers de la capture (exhibit export-capture CAPTURE_ID DOSSIER), ou enregistrer les pièces jointes de ce PDF.',
      "Calculer l'empreinte SHA-256 de chaque fichier et la comparer à la valeur imprimée dans la pièce\u202f:",
    ],
    commands: 'Linux\u202f: sha256sum FICHIER\nmacOS\u202f: shasum -a 256 FICHIER\nWindows\u202f: certutil -hashfile FICHIER SHA256',
    exhibitVerify: "Avec Exhibit\u202f: «\u00a0exhibit verify DOSSIER.pdf\u00a0» recalcule l'empreinte de chaque fichier joint à ce PDF, vérifie la signature de chaque manifeste et compare les empreintes imprimées sur ses pages\u202f; «\u00a0exhibit verify DOSSIER\u00a0» fait de même pour une capture exportée\u202f; «\u00a0exhibit verify\u00a0» vérifie tout l'espace de travail.",
    attachmentsNone: "Ce PDF contient en pièces jointes le manifeste signé du dossier et la clé publique\u202f; les fichiers capturés sont dans l'espace de travail.",
    attachmentsManifests: 'Ce PDF contient en pièces jointes le manifeste signé et la signature de chaque capture, le manifeste du dossier et la clé publique.',
    attachmentsAll: 'Ce PDF contient en pièces jointes chaque fichier capturé de chaque pièce, le manifeste signé et la signature de chaque capture, le manifeste du dossier et la clé publique\u202f: il porte à lui seul ses preuves.',
  },
  certification: {
    title: "Attestation de l'enquêteur (art. 202 du code de procédure civile)",
    identity: [
      'Nom',
      'Prénoms',
      'Date et lieu de naissance',
      'Demeure',
      'Profession',
      "Lien de parenté ou d'alliance avec les parties, de subordination à leur égard, de collaboration ou de communauté d'intérêts avec elles",
    ],
    paragraphs: (_who, org) => [
      `Je soussigné(e), dont l'identité figure ci-dessus${org ? `, agissant pour ${org}` : ''}, relate les faits suivants, que j'ai personnellement accomplis ou constatés\u202f:`,
      "1. J'ai capturé les pages web reproduites dans ce dossier au moyen du logiciel Exhibit, selon le procédé décrit à la section «\u00a0Méthode et environnement\u00a0», aux dates, heures et adresses indiquées pour chacune d'elles\u202f; chaque pièce reproduit ce que le site a servi au navigateur au moment de la capture.",
      "2. Au moment de chaque capture, chaque fichier a été identifié par son empreinte SHA-256 et la liste de ces empreintes (le manifeste) a été signée avec la clé de l'espace de travail qui a fait la capture. Les empreintes imprimées dans ce dossier sont celles enregistrées lors de la capture.",
      "3. Les corrections apportées aux données extraites figurent, avec leur motif et leur auteur, dans le journal de conservation reproduit à la section «\u00a0Chaîne de conservation\u00a0».",
    ],
    dossierTitle: 'La présente attestation porte sur le dossier\u202f:',
    dossierId: 'Identifiant du dossier',
    manifest: 'SHA-256 de son manifeste signé (dossier-manifest.json, joint)',
    bates: 'Numérotation Bates',
    pages: 'Pages',
    check: [
      "4. Chacun peut vérifier que chaque fichier est la copie fidèle de ce qui a été capturé en exécutant «\u00a0exhibit verify DOSSIER.pdf\u00a0»\u202f: la commande recalcule l'empreinte SHA-256 de chaque fichier joint à ce PDF, vérifie la signature de chaque manifeste et du manifeste du dossier, vérifie chaque jeton d'horodatage et compare les empreintes imprimées sur les pages de chaque pièce à celles enregistrées. Si cette vérification a été faite, sa date et son résultat\u202f:",
    ],
    checkDate: 'Date de la vérification',
    checkResult: 'Résultat',
    closing: [
      "J'ai connaissance que la présente attestation est établie en vue de sa production en justice et qu'une fausse attestation de ma part m'expose à des sanctions pénales (article 441-7 du code pénal).",
      "L'article 202 veut l'attestation écrite, datée et signée de la main de son auteur\u202f: recopier à la main la mention ci-dessus sur les lignes suivantes, puis dater et signer.",
    ],
    signature: ['Mention recopiée de la main de l’auteur', '', '', '', 'Fait à', 'Le', 'Signature manuscrite'],
    annex: "Pièce à joindre\u202f: copie d'un document officiel justifiant de l'identité de l'auteur et comportant sa signature (carte nationale d'identité, passeport, permis de conduire).",
  },
  page: (n, total) => `Page ${n} sur ${total}`,
  unattributed: 'Captures non rattachées à un vendeur',
  yes: 'oui',
  no: 'non',
};

function dayCount(days: number): string {
  return `${days} ${days === 1 ? 'jour' : 'jours'}`;
}

function removedAfter(days: number): string {
  return days === 0 ? 'retirée le jour même du signalement' : `retirée ${dayCount(days)} après le signalement`;
}

/** The words of Exhibit's own in an address source's detail; patterns such as "/itm/{item}" are printed as recorded. */
function urlDetail(detail: string): string {
  if (detail === 'host') return 'nom d’hôte';
  if (detail === 'page address') return 'adresse de la page';
  const host = /^host (.+)$/.exec(detail);
  if (host) return `nom d’hôte ${host[1]}`;
  const currency = /^currency of (.+)$/.exec(detail);
  if (currency) return `devise de ${currency[1]}`;
  return detail;
}

function quoted(v: string): string {
  return `«\u00a0${v}\u00a0»`;
}

/** A setting's value; an empty one is said to be so. */
function setting(v: string): string {
  return v === '' ? '(aucun)' : quoted(v);
}

const SETTINGS: Record<string, string> = { investigator: 'enquêteur', organisation: 'organisme', browserPath: 'navigateur', ntpServers: 'serveurs NTP' };
const MEMBERS: Record<string, string> = { seller: 'vendeur', listing: 'annonce', capture: 'capture' };
const UNITS = { h: 'h', min: 'min', day: (n: number) => (n === 1 ? 'jour' : `${n} jours`) };

function exportWords(d: CustodyDetails, c: CustodyWordsContext): string {
  switch (str(d.kind)) {
    case 'dossier':
      return `Dossier créé par ${c.actor}\u202f: ${str(d.file)}, ${str(d.pages)} pages, ${str(d.lang) === 'fr' ? 'en français' : 'en anglais'} (dossier ${str(d.dossierId)})`;
    case 'capture-folder':
      return `Capture ${c.subject} exportée dans un dossier par ${c.actor}`;
    case 'artifact':
      return `Copie du fichier ${str(d.name)} de la capture ${c.subject} enregistrée par ${c.actor} (SHA-256 vérifié à la sortie)`;
    case 'wacz':
      return `Archive web WACZ exportée par ${c.actor}\u202f: ${str(d.file)}, ${list(d.captures).length} captures`;
    case 'wacz-key':
      return 'Création de la clé qui signe les exports WACZ';
    case 'dossier-stamped':
      return `Horodatage du document ajouté par ${c.actor} au dossier ${str(d.dossierId)} (${str(d.file)})\u202f: selon ${str(d.authority)}, il existait au plus tard le ${c.time(str(d.genTime))}`;
    default:
      return `Export réalisé par ${c.actor}`;
  }
}

function custodyWords(): DossierStrings['custody']['words'] {
  return {
    'workspace.created': (d) => `Création de l'espace de travail\u202f; empreinte de sa clé de signature\u202f: ${str(d.publicKeyFingerprint)}`,
    'settings.changed': (d, c) =>
      `Réglages modifiés par ${c.actor}\u202f: ${Object.entries(d)
        .map(([k, v]) => `${SETTINGS[k] ?? k} ${setting(str(obj(v).from))} → ${setting(str(obj(v).to))}`)
        .join('\u202f; ')}`,
    'case.created': (d) => `Création de l'affaire ${quoted(str(d.name))}${d.reference ? `, référence ${str(d.reference)}` : ''}`,
    'case.member-added': (d, c) => `Ajout à l'affaire ${c.subject} par ${c.actor}\u202f: ${MEMBERS[str(d.kind)] ?? str(d.kind)} ${c.ref(str(d.memberId))}`,
    'case.member-removed': (d, c) => `Retrait de l'affaire ${c.subject} par ${c.actor}\u202f: ${MEMBERS[str(d.kind)] ?? str(d.kind)} ${c.ref(str(d.memberId))}`,
    'seller.created': (d) => `Vendeur enregistré\u202f: ${str(d.marketplace)}:${str(d.sellerKey)}${d.displayName ? ` (${quoted(str(d.displayName))})` : ''}`,
    'seller.renamed': (d, c) => `Vendeur ${c.subject} relevé sous un nouveau nom\u202f: ${quoted(str(d.from))} → ${quoted(str(d.to))}`,
    'seller.status-changed': (d, c) => `Statut du vendeur ${c.subject} modifié par ${c.actor}\u202f: ${c.sellerStatus(str(d.from))} → ${c.sellerStatus(str(d.to))}${d.note ? ` (${str(d.note)})` : ''}`,
    'seller.tagged': (d, c) => `Étiquette ${quoted(str(d.tag))} ajoutée au vendeur ${c.subject} par ${c.actor}`,
    'seller.untagged': (d, c) => `Étiquette ${quoted(str(d.tag))} retirée du vendeur ${c.subject} par ${c.actor}`,
    'seller.merged': (d, c) => `Comptes vendeurs traités comme un même opérateur par ${c.actor}\u202f: ${str(d.absorbed)} avec ${str(d.into)}${d.reason ? ` (${str(d.reason)})` : ''}`,
    'seller.unmerged': (d, c) => `Comptes vendeurs de nouveau séparés par ${c.actor}\u202f: ${c.subject} et ${str(d.from)}${d.reason ? ` (${str(d.reason)})` : ''}`,
    'seller.link-confirmed': (d, c) => `Lien entre comptes vendeurs confirmé par ${c.actor}\u202f: ${str(d.aLabel)} et ${str(d.bLabel)} sont un même opérateur${d.reason ? ` (${str(d.reason)})` : ''}`,
    'seller.link-rejected': (d, c) => `Lien entre comptes vendeurs écarté par ${c.actor}\u202f: ${str(d.aLabel)} et ${str(d.bLabel)}${d.reason ? ` (${str(d.reason)})` : ''}`,
    'listing.created': (d) => `Annonce enregistrée\u202f: ${str(d.marketplace)}:${str(d.listingKey)}`,
    'capture.stored': (d, c) => `Capture enregistrée\u202f: ${c.subject}, ${str(d.requestedUrl)} (${c.outcome(str(d.outcome))})\u202f; ${list(d.artifacts).length} fichiers`,
    'capture.filed': (d, c) => {
      const because = /^(\w+) corrected$/.exec(str(d.because));
      return `Capture ${c.subject} reclassée${because ? ` après correction de la donnée ${quoted(c.field(because[1]!))}` : ''}\u202f: annonce ${c.ref(str(obj(d.from).listingId))} → ${c.ref(str(obj(d.to).listingId))}`;
    },
    'artifact.added': (d, c) => `Fichier ajouté à la capture ${c.subject}\u202f: ${str(d.name)}`,
    'field.corrected': (d, c) => `Donnée ${quoted(c.field(str(d.field)))} corrigée par ${c.actor}\u202f: ${c.reason(str(d.reason))}\n${c.subject}\u202f: ${c.value(str(d.field), d.from)} → ${c.value(str(d.field), d.to)}`,
    'note.edited': (d, c) => `Note de l'enquêteur sur ${c.subject} modifiée par ${c.actor} (conservée à côté de la preuve, hors de celle-ci)\u202f: ${quoted(clip(str(d.to)))}`,
    'export.made': exportWords,
    'verification.run': (d, c) => `Vérification de l'espace de travail par ${c.actor}\u202f: ${d.cancelled ? 'interrompue avant la fin' : d.ok ? 'aucun problème constaté' : `${str(d.problems)} problème(s) constaté(s)`}`,
    'watch.added': (d, c) => `Recapture programmée par ${c.actor}\u202f: ${MEMBERS[str(obj(d.target).kind)] ?? str(obj(d.target).kind)} ${c.ref(str(obj(d.target).id))}, tous les ${interval(num(d.intervalSeconds), UNITS)}`,
    'watch.changed': (d, c) => `Programmation de recapture modifiée par ${c.actor}\u202f: ${d.active === false ? 'suspendue' : num(d.intervalSeconds) !== null ? `tous les ${interval(num(d.intervalSeconds), UNITS)}` : 'reprise'}`,
    'recapture.classified': (d, c) => {
      const changes = list(d.changes).map((f) => c.field(str(f)).toLowerCase());
      const classification = fr.custody.classifications[str(d.classification) as keyof DossierStrings['custody']['classifications']] ?? str(d.classification);
      return `Recapture ${c.subject} comparée à ${d.comparedWith ? c.ref(str(d.comparedWith)) : 'aucune capture antérieure'}\u202f: ${classification}${changes.length > 0 ? ` (${changes.join(', ')})` : ''}${d.reappeared === true ? ', annonce de nouveau en ligne' : ''}`;
    },
    'listing.reported': (d, c) => `Annonce ${c.subject} signalée à ${str(d.platform)}${d.programme && str(d.programme) !== 'other' ? ` (${c.programme(str(d.programme))})` : ''}${d.reportRef ? `, signalement n°\u00a0${str(d.reportRef)}` : ''}, le ${str(d.reportedOn)}`,
    'tsa.added': (d) => `Autorité d'horodatage ajoutée\u202f: ${str(d.name) || str(d.url)} (${str(d.url)}), ${list(d.roots).length} certificat(s) racine`,
    'tsa.removed': (d, c) => `Autorité d'horodatage retirée\u202f: ${c.authority(str(d.url))} (${str(d.url)})`,
    'capture.stamped': (d, c) => `Horodatage par ${c.authority(str(d.authority))} (numéro de série ${str(d.serial)})\u202f: le manifeste signé de ${c.subject} existait au plus tard le ${c.time(str(d.genTime))}`,
    'key.stamped': (d, c) => `Horodatage de la clé de l'espace de travail par ${c.authority(str(d.authority))} (numéro de série ${str(d.serial)})\u202f: elle existait au plus tard le ${c.time(str(d.genTime))}`,
    'identity.created': (d) => `Création du certificat qui signe les dossiers PDF de cet espace de travail\u202f: ${str(d.subject)}, ${str(d.algorithm)}, SHA-256 ${str(d.certificateSha256)}`,
    'identity.imported': (d, c) => `Import par ${c.actor} du certificat de l'organisation pour signer les dossiers PDF\u202f: ${str(d.subject)}, émis par ${str(d.issuer)}, SHA-256 ${str(d.certificateSha256)}${d.replaced ? ` (remplace ${str(d.replaced)})` : ''}`,
    'brand.created': (d, c) => `Marque ajoutée au catalogue de référence par ${c.actor}\u202f: ${str(d.name)}`,
    'brand.imported': (d, c) => `Catalogue de référence de ${str(d.brand)} importé par ${c.actor}\u202f: ${num(d.products) ?? 0} produits, ${num(d.images) ?? 0} images officielles (${str(d.file)}, SHA-256 ${str(d.sha256)})`,
    'brand.seller-authorised': (d, c) => `Vendeur ${str(d.marketplace)}:${str(d.sellerKey)} enregistré par ${c.actor} comme autorisé pour ${str(d.brand)}`,
    'monitor.added': (d, c) => `Recherche surveillée par ${c.actor} pour ${str(d.brand)}\u202f: ${str(d.url)}`,
    'monitor.removed': (d, c) => `Surveillance de recherche arrêtée par ${c.actor}\u202f: ${str(d.url)}`,
    'monitor.ran': (d) => `Recherche surveillée exécutée\u202f: ${str(d.url)}, ${num(d.results) ?? 0} résultats (${num(d.new) ?? 0} nouveaux, ${num(d.gone) ?? 0} disparus)${d.generic ? ', lue par le lecteur générique' : ''}${d.cancelled === true ? ', annulée (rien n’est marqué disparu)' : ''}`,
    'monitor.listings': (d) =>
      `Recherche surveillée ${str(d.url)}\u202f: résultats notés ${num(d.captureAbove) ?? 0} ou plus, ${Array.isArray(d.captured) ? d.captured.length : 0} capturés en entier${d.cancelled === true ? `, ${Array.isArray(d.given) ? d.given.length : 0} abandonnés à l’annulation, ${Array.isArray(d.notReached) ? d.notReached.length : 0} non atteints\u202f; exécution annulée, ses pages de résultats restent telles que lues, les annonces restantes sont capturées à la prochaine exécution` : ' (laissés par une annulation précédente)'}`,
    'triage.decided': (d, c) => `Résultat de recherche ${str(d.listing)} trié par ${c.actor}\u202f: ${(TRIAGE_DECISION_LABELS as Partial<Record<string, { fr: string }>>)[str(d.decision)]?.fr ?? str(d.decision)} (score ${num(d.score) ?? 0})`,
    'dossier.verified': (d, c) =>
      `Dossier ${str(d.dossierId)} (${str(d.file)}) contrôlé par ${c.actor}\u202f: ${d.missing ? 'le fichier n’est plus là où il a été écrit' : d.ok ? 'chaque pièce vérifiée, le fichier est celui qui a été produit' : `${num(d.problems) ?? 0} problème(s) constaté(s)`}`,
    'score.weights-set': (d, c) => `Pondérations du score de suspicion ${d.origin === 'learned' ? `apprises de ${num(d.decisions) ?? 0} décisions de tri` : 'modifiées'} par ${c.actor}`,
    'listing.offer-filed': (d) => `Vendeur ${str(d.marketplace)}:${str(d.sellerKey)} classé comme vendeur de cette annonce\u202f: son offre figurait sur la page (${d.price ? `${str(d.price)} ${str(d.currency)}` : 'prix non indiqué'}${d.condition ? `, ${str(d.condition)}` : ''}${d.shipsFrom ? `, expédié depuis ${str(d.shipsFrom)}` : ''})`,
    'hub.pushed': (d, c) => `Preuves envoyées par ${c.actor} au hub de l’équipe ${str(d.hub)} sous le nom ${str(d.user)} : ${Array.isArray(d.captures) ? d.captures.length : 0} capture(s), ${num(d.objectsSent) ?? 0} fichier(s) transmis, ${num(d.custodySent) ?? 0} entrées du registre ; le reçu du hub est son entrée ${num((d.receipt as { seq?: number } | null)?.seq) ?? 0} (${str((d.receipt as { hash?: string } | null)?.hash)})`,
  };
}

/**
 * The clock check's reasons are recorded in English (electron/core/timestamp/sntp.ts);
 * the French dossier words each known form in French and keeps codes, names and numbers.
 */
function ntpReasonFr(recorded: string): string {
  const forms: [RegExp, string][] = [
    [/no NTP server configured/g, 'aucun serveur NTP configuré'],
    [/no NTP check was made for this capture session/g, 'aucune vérification NTP n’a été faite pour cette session de capture'],
    [/DNS lookup failed \(no address\)/g, 'échec de la résolution DNS (aucune adresse)'],
    [/DNS lookup failed/g, 'échec de la résolution DNS'],
    [/DNS lookup not finished within/g, 'résolution DNS inachevée après'],
    [/network error/g, 'erreur réseau'],
    [/no valid answer within ([^(/;]+) \(replies did not match our request\)/g, 'aucune réponse valide en $1 (les réponses ne correspondaient pas à la requête)'],
    [/no answer within/g, 'aucune réponse en'],
    [/no answer/g, 'aucune réponse'],
    [/invalid reply \(zero transmit timestamp\)/g, 'réponse invalide (heure d’émission nulle)'],
    [/invalid reply/g, 'réponse invalide'],
    [/server unsynchronised \(leap indicator 3\)/g, 'serveur non synchronisé (indicateur de saut 3)'],
    [/kiss-o'-death/g, 'refus du serveur (kiss-o’-death)'],
    [/(\d) ms\b/g, '$1\u00a0ms'],
    [/(\d) s\b/g, '$1\u00a0s'],
    [/: /g, '\u202f: '],
    [/; /g, '\u202f; '],
  ];
  return forms.reduce((text, [form, french]) => text.replace(form, french), recorded);
}
