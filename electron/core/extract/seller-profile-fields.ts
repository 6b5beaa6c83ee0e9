/**
 * What a seller's trader details are made of (#20), and the labels a page
 * writes them under that mean the same on any site (English, French,
 * German). A marketplace's own labels, which would be too loose elsewhere
 * ("Name", 名称), are its profile reader's (profile-readers.ts).
 */
export const PROFILE_FIELDS = ['businessName', 'address', 'phone', 'email', 'vat', 'company', 'website', 'established', 'storeNumber', 'feedback'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** A label, matched against the label's whole text (its colon taken off). */
export type LabelRule = readonly [ProfileField, RegExp];

export const LABELS: readonly LabelRule[] = [
  ['vat', /^(vat(?: registration)?(?: number| no\.?| id)?|ust-?id(?:nr)?\.?|umsatzsteuer-?identifikationsnummer|ust\.? ?-?id\.?-?nr\.?|num[ée]ro de tva(?: intracommunautaire)?|n° ?tva(?: intracommunautaire)?|tva(?: intracommunautaire)?|identifiant tva)$/i],
  ['company', /^(trade register number|commercial regist(?:er|ry)(?: number)?|company (?:registration )?number|registration number|business registration number|handelsregister(?:nummer)?|registernummer|num[ée]ro d'immatriculation|num[ée]ro rcs|rcs|siren|siret|registre du commerce)$/i],
  ['businessName', /^(business name|trader name|company name|legal name|nom commercial|raison sociale|nom de l'entreprise|d[ée]nomination sociale|firmenname|name des unternehmens|gesch[äa]ftsname|unternehmen)$/i],
  ['address', /^(business address|address|registered address|trader address|adresse(?: de l'entreprise| commerciale| du si[èe]ge)?|gesch[äa]ftsadresse|anschrift|adresse des unternehmens)$/i],
  ['phone', /^(phone(?: number)?|telephone(?: number)?|tel\.?|t[ée]l[ée]phone|num[ée]ro de t[ée]l[ée]phone|telefon(?:nummer)?)$/i],
  ['email', /^(e-?mail(?: address)?|courriel|adresse e-?mail|e-mail-adresse)$/i],
  ['website', /^(website|web site|site web|site internet|webseite|internetseite)$/i],
  ['feedback', /^(feedback|seller feedback|positive feedback|[ée]valuations?|bewertungen?)$/i],
];
