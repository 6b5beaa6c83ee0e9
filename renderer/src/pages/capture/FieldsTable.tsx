import { Fragment, useState } from 'react';
import type { FieldState } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { fieldText, utc } from '../../util/format.js';
import { CorrectionForm } from './CorrectionForm.js';

/**
 * What was read from the page, and where. A correction is the investigator's
 * statement, not evidence: it is marked, dated and reasoned, and the value the
 * page gave stays beside it.
 */
export function FieldsTable({ fields, readOnly }: { fields: FieldState[]; /** on the team hub: shown, not corrected */ readOnly?: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="card" aria-label={t.capture.fields}>
      <h2>{t.capture.fields}</h2>
      {fields.length === 0 ? (
        <p className="muted">{t.capture.noFields}</p>
      ) : (
        <table className="dense fields">
          <thead>
            <tr>
              <th>{t.capture.field}</th>
              <th>{t.capture.value}</th>
              <th className="source">{t.capture.source}</th>
              <th>
                <span className="visually-hidden">{t.tables.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <Fragment key={f.field}>
                <tr data-field={f.field} className={f.correction ? 'corrected-row' : ''}>
                  <th scope="row" className="nowrap">{t.fieldNames[f.field] ?? f.field}</th>
                  <td className="wrap">
                    <FieldValueCell field={f} />
                    <div className="source-inline">
                      <FieldSource field={f} />
                    </div>
                  </td>
                  <td className="source">
                    <FieldSource field={f} />
                  </td>
                  <td className="nowrap">
                    {editing === f.field || readOnly ? null : (
                      <button type="button" className="small" onClick={() => setEditing(f.field)} aria-label={`${t.capture.correct}: ${t.fieldNames[f.field] ?? f.field}`}>
                        {t.capture.correct}
                      </button>
                    )}
                  </td>
                </tr>
                {editing === f.field ? (
                  <tr className="correction-form-row">
                    <td colSpan={4}>
                      <CorrectionForm field={f} onDone={() => setEditing(null)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Where the value was read: its own column when the details have room, under the value when they do not (fit.css). */
function FieldSource({ field }: { field: FieldState }) {
  if (!field.extracted) return <>—</>;
  return (
    <>
      <span className="source-kind">{field.extracted.source.kind}</span> <code className="details">{field.extracted.source.detail}</code>
    </>
  );
}

function FieldValueCell({ field }: { field: FieldState }) {
  const t = useT();
  if (!field.correction) return <span className="value">{fieldText(field.value)}</span>;
  return (
    <>
      <span className="value corrected-value">{fieldText(field.correction.value)}</span> <span className="corrected-mark">{t.capture.corrected}</span>
      {field.extracted ? (
        <div className="extracted-was">
          {t.common.labelled(t.capture.extractedWas)}
          <span className="value">{fieldText(field.extracted.value)}</span>
        </div>
      ) : null}
      <div className="correction-reason">
        {t.common.labelled(t.capture.reason)}
        {field.correction.reason || '—'} <span className="muted">· {utc(field.correction.at)}</span>
      </div>
    </>
  );
}
