/**
 * A reason's evidence in the reader's language. The score writes its
 * evidence in English (scoreItem's templates, stored with each result);
 * here each template is said again in French, the values (prices, words
 * matched, image names, seller names) kept as found. Evidence in no known
 * template is returned as written.
 */
export function evidenceIn(lang: 'en' | 'fr', evidence: string): string {
  if (lang === 'en') return evidence;
  let m = /^(.+) is (\d+)% of the retail price of (.+) in (\S+), (.+)$/.exec(evidence);
  if (m) return `${m[1]} représente ${m[2]}\u202f% du prix public de ${m[3]} sur ${m[4]}, ${m[5]}`;
  m = /^replica words: (.+)$/.exec(evidence);
  if (m) return `mots de contrefaçon\u202f: ${m[1]}`;
  m = /^the image matches the catalogue image (.+?)(, mirrored)?: (\d+) of 64 bits differ$/.exec(evidence);
  if (m) return `l’image correspond à l’image du catalogue ${m[1]}${m[2] ? ', en miroir' : ''}\u202f: ${m[3]} bits sur 64 diffèrent`;
  m = /^"(.+)" in the title, sold by (.+), not an authorised seller$/.exec(evidence);
  if (m) return `«\u202f${m[1]}\u202f» dans le titre, vendu par ${m[2]}, vendeur non autorisé`;
  m = /^(\d+) listing\(s\) of this seller already removed$/.exec(evidence);
  if (m) return `${m[1]} annonce(s) de ce vendeur déjà retirée(s)`;
  const bits = evidence.split(', ');
  const said = bits.map((b) => {
    let x = /^account (\d+) days old$/.exec(b);
    if (x) return `compte ouvert depuis ${x[1]} jours`;
    x = /^(\d+) feedback ratings$/.exec(b);
    if (x) return `${x[1]} évaluations`;
    x = /^ships from (.+)$/.exec(b);
    if (x) return `expédié depuis ${x[1]}`;
    return null;
  });
  if (said.every((x) => x !== null)) return said.join(', ');
  return evidence;
}
