import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import type { DossierCheck, DossierRecordView } from '../../api/types.js';
import { DossierFileActions } from '../../components/DossierFileActions.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Cell } from '../../components/Cell.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';

/** Every dossier made, with where it is and when it was last found sound: checked on demand, the result kept in custody. */
export function DossiersPage() {
  const t = useT();
  const d = t.dossiers;
  const [rows, setRows] = useState<DossierRecordView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await call('dossiers.list', {});
    if (r.ok) setRows(r.value);
    setError(r.ok ? null : r.error.message);
  }, []);
  useEffect(() => {
    drop(load());
  }, [load]);
  return (
    <div className="page dossiers-page">
      <header className="page-head">
        <div>
          <h1>{d.title}</h1>
          <p className="subtitle small-text">{d.intro}</p>
        </div>
      </header>
      <ErrorNote message={error} />
      <section className="card" aria-label={d.list}>
        <h2>
          {d.list} <span className="count">{rows?.length ?? ''}</span>
        </h2>
        {rows === null ? <p className="muted">{t.common.loading}</p> : rows.length === 0 ? <p className="muted">{d.empty}</p> : <DossiersTable rows={rows} onChecked={() => drop(load())} />}
      </section>
    </div>
  );
}

function DossiersTable({ rows, onChecked }: { rows: readonly DossierRecordView[]; onChecked(): void }) {
  const d = useT().dossiers;
  return (
    <div className="table-scroll">
      <table className="dense dossiers fit">
        <thead>
          <tr>
            <th className="col-time">{d.madeAt}</th>
            <th className="col-name">{d.of}</th>
            <th className="col-file">{d.file}</th>
            <th className="num">{d.pages}</th>
            <th className="num">{d.exhibits}</th>
            <th className="col-status">{d.status}</th>
            <th className="col-actions">{d.actions}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.dossierId} data-dossier={r.dossierId}>
              <td className="nowrap mono">{utc(r.madeAt)}</td>
              <td>
                <Subject row={r} />
                <div className="small-text muted">{d.langs[r.lang] ?? r.lang}</div>
              </td>
              <td>
                <Cell text={r.file} className="mono" />
                <Cell text={r.path} className="mono small-text muted" />
              </td>
              <td className="num">{r.pages ?? '—'}</td>
              <td className="num">{r.exhibits}</td>
              <td>
                <CheckCell dossierId={r.dossierId} last={r.lastCheck} onChecked={onChecked} />
              </td>
              <td>
                <DossierFileActions dossierId={r.dossierId} file={r.file} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Subject({ row }: { row: DossierRecordView }) {
  const d = useT().dossiers;
  if (!row.subject) return <span>{d.chosenCaptures(row.exhibits)}</span>;
  // A seller opens its page; a case's name is shown as it is.
  return row.subject.kind === 'seller' ? <a href={hrefOf({ page: 'seller', id: row.subject.id })}>{row.subject.label}</a> : <Cell text={row.subject.label} />;
}

function CheckCell({ dossierId, last, onChecked }: { dossierId: string; last: DossierCheck | null; onChecked(): void }) {
  const d = useT().dossiers;
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const check = async () => {
    setRunning(true);
    const r = await call('dossiers.check', { dossierId });
    setRunning(false);
    setError(r.ok ? null : r.error.message);
    if (r.ok) onChecked();
  };
  const verdict = !last ? (
    <span className="muted">{d.notChecked}</span>
  ) : last.missing ? (
    <span className="bad-text">{d.checkedMissing(utc(last.at))}</span>
  ) : last.ok ? (
    <span className="good-text">{d.checkedOk(utc(last.at))}</span>
  ) : (
    <span className="bad-text">{d.checkedBad(last.problems, utc(last.at))}</span>
  );
  return (
    <div className="check-cell" data-checked={last ? (last.ok ? 'ok' : last.missing ? 'missing' : 'bad') : 'never'}>
      <div className="small-text" role="status">
        {running ? d.checking : verdict}
      </div>
      <button type="button" className="small" disabled={running} onClick={() => drop(check())}>
        {d.check}
      </button>
      <ErrorNote message={error} />
    </div>
  );
}
