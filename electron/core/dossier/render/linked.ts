import type { SeenAt } from '../../links/compute.js';
import type { DossierStrings } from '../i18n/index.js';
import type { DossierModel } from '../model.js';
import type { Pdf } from './pdf.js';

/**
 * Part of the sellers section: each operator a seller of the dossier
 * belongs to, its accounts, and every link between them with the items the
 * two accounts share, each where it was seen (the exhibit when the capture
 * is in the dossier, else the capture's id).
 */
export function drawLinked(pdf: Pdf, model: DossierModel, s: DossierStrings, outline: PDFKit.PDFOutline | undefined): void {
  const operators = model.linked ?? [];
  if (operators.length === 0) return;
  const exhibitOf = new Map(model.exhibits.map((x) => [x.captureId, x.number]));
  const where = (seen: SeenAt) => {
    const number = seen.captureId ? exhibitOf.get(seen.captureId) : undefined;
    const ref = number ? `${s.linked.exhibit} ${number}` : `${s.linked.capture} ${seen.captureId ?? '—'}\n(${s.linked.notInDossier})`;
    return `${ref}\n${seen.artifact}, ${seen.field}\n“${seen.raw.length > 120 ? `${seen.raw.slice(0, 119)}…` : seen.raw}”`;
  };
  pdf.heading(s.linked.title, 1, { outline });
  pdf.text(s.linked.intro, { size: 9.5, gap: 8, align: 'justify' });
  operators.forEach((op, i) => {
    pdf.heading(`${s.linked.operator} ${i + 1}`, 2);
    pdf.pairs([[s.linked.accounts, op.accounts.join('\n'), 'mono']]);
    for (const l of op.links) {
      const strength = l.strength === 'strong' ? s.linked.strong : s.linked.weak;
      pdf.text(`${l.aLabel}  ~  ${l.bLabel}: ${strength} (${s.linked.score(l.score)})${l.decision === 'confirmed' ? `, ${s.linked.confirmed}` : ''}`, { weight: 'bold', size: 9.5, gap: 3 });
      pdf.table(
        [
          { header: s.linked.shared, width: 1.6 },
          { header: s.linked.value, width: 1.5, weight: 'mono', size: 7.5 },
          { header: s.linked.seenA, width: 3 },
          { header: s.linked.seenB, width: 3 },
        ],
        l.shared.map((item) => [
          `${s.linked.kinds[item.kind]}${item.mirrored ? ` (${s.linked.mirrored})` : ''}`,
          item.kind === 'text' ? item.value.replace(/\s*similar$/, '') : item.value,
          where(item.a),
          where(item.b),
        ]),
      );
    }
    pdf.y += 6;
  });
}
