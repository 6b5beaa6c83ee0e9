import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import { OutcomeBadge } from '../../components/Badges.js';
import { CaptureLink } from '../../components/CaptureLink.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { AddToCaseDialog } from '../../dialogs/AddToCaseDialog.js';
import { FileUnderSellerDialog } from '../../dialogs/FileUnderSellerDialog.js';
import { useT } from '../../i18n/i18n.js';
import { useDashboard, type AttentionRow } from '../../state/dashboard.js';
import { refreshCatalogue } from '../../state/refresh.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';

type Open = { kind: 'file' | 'case'; captureId: string; label: string } | null;

/**
 * The inbox of captures filed under no seller: the dashboard's "captures not
 * filed", read with the same rule, so the count and this list agree.
 */
export function UnfiledPage() {
  const t = useT();
  const u = t.unfiled;
  const [rows, setRows] = useState<AttentionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [said, setSaid] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await call('dashboard.rows', { kind: 'unfiled', since: null, limit: 5000 });
    if (r.ok) {
      setRows(r.value);
      setError(null);
    } else setError(r.error.message);
  }, []);
  useEffect(() => {
    drop(load());
  }, [load]);
  const done = (message: string) => {
    setOpen(null);
    setSaid(message);
    drop(Promise.all([load(), refreshCatalogue(), useDashboard.getState().load()]));
  };
  return (
    <div className="page unfiled-page">
      <header className="page-head">
        <div>
          <h1>
            {u.title} {rows ? <span className="count">{rows.length}</span> : null}
          </h1>
          <p className="subtitle small-text">{u.subtitle}</p>
        </div>
      </header>
      <ErrorNote message={error} />
      <p className="good-text small-text" role="status">
        {said ?? ''}
      </p>
      <section className="card">
        {!rows ? (
          <p className="muted">{t.common.loading}</p>
        ) : rows.length === 0 ? (
          <p className="muted">{u.empty}</p>
        ) : (
          <table className="dense unfiled">
            <thead>
              <tr>
                <th>{u.when}</th>
                <th>{u.outcome}</th>
                <th>{u.page}</th>
                <th>{u.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const id = r.captureId!;
                const label = u.capture(utc(r.at));
                return (
                  <tr key={id} data-capture={id}>
                    <td className="when">
                      <CaptureLink id={id}>{utc(r.at)}</CaptureLink>
                    </td>
                    <td className="nowrap">{r.outcome ? <OutcomeBadge outcome={r.outcome} /> : null}</td>
                    <td className="wrap">
                      {r.title ? <div>{r.title}</div> : null}
                      <span className="muted small-text url">{r.url}</span>
                    </td>
                    <td className="nowrap row-actions">
                      <button type="button" className="small" onClick={() => setOpen({ kind: 'file', captureId: id, label })}>
                        {u.fileUnder}
                      </button>{' '}
                      <button type="button" className="small" onClick={() => setOpen({ kind: 'case', captureId: id, label })}>
                        {u.addToCase}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {open?.kind === 'file' ? <FileUnderSellerDialog captureId={open.captureId} label={open.label} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.kind === 'case' ? <AddToCaseDialog captureId={open.captureId} label={open.label} onClose={() => setOpen(null)} onDone={done} /> : null}
    </div>
  );
}
