import { useEffect, useState } from 'react';
import { call } from '../api/transport.js';
import { CaptureLink } from '../components/CaptureLink.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useT } from '../i18n/i18n.js';
import { isAttentionKind, parseAttention, useDashboard, type AttentionKind, type AttentionRow, type AttentionScope } from '../state/dashboard.js';
import { hrefOf } from '../state/router.js';
import { drop } from '../util/drop.js';
import { utc } from '../util/format.js';

/** The rows behind one of the dashboard's counts, read with the same last visit and time as the counts shown. */
export function AttentionPage({ id }: { id: string }) {
  const t = useT();
  const { kind, scope } = parseAttention(id);
  if (!isAttentionKind(kind)) return <ErrorNote message={t.attention.empty} />;
  return <AttentionList kind={kind} scope={scope} />;
}

function AttentionList({ kind, scope }: { kind: AttentionKind; scope: AttentionScope | null }) {
  const t = useT();
  const a = t.attention;
  const dashboard = useDashboard((s) => s.dashboard);
  const [rows, setRows] = useState<AttentionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const since = scope?.since ?? null;
  const until = scope?.until;
  const sellerId = scope?.sellerId;
  const scoped = scope !== null;
  useEffect(() => {
    let live = true;
    const input = scoped
      ? { kind, since, ...(until ? { asOf: until } : {}), ...(sellerId ? { sellerId } : {}) }
      : dashboard
        ? { kind, since: dashboard.since, asOf: dashboard.asOf }
        : { kind };
    drop(
      call('dashboard.rows', input).then((r) => {
        if (!live) return;
        if (r.ok) setRows(r.value);
        else setError(r.error.message);
      }),
    );
    return () => {
      live = false;
    };
  }, [kind, dashboard, scoped, since, until, sellerId]);
  return (
    <div className="page attention-page" data-kind={kind}>
      <header className="page-head">
        <div>
          <p className="small-text">
            <a href={hrefOf({ page: 'home' })}>← {a.back}</a>
          </p>
          <h1>
            {t.dashboard.kinds[kind]} {rows ? <span className="count">{a.shown(rows.length)}</span> : null}
          </h1>
          <p className="subtitle small-text">{t.dashboard.hints[kind]}</p>
          {scope ? <p className="small-text scope">{scope.sellerId ? a.scopeSeller : until ? a.scopeWindow(since ? utc(since) : null, utc(until)) : a.scopeAll}</p> : null}
        </div>
      </header>
      <ErrorNote message={error} />
      <section className="card">
        {!rows ? <p className="muted">{t.common.loading}</p> : rows.length === 0 ? <p className="muted">{a.empty}</p> : <RowsTable rows={rows} />}
      </section>
    </div>
  );
}

function RowsTable({ rows }: { rows: readonly AttentionRow[] }) {
  const t = useT();
  const a = t.attention;
  return (
    <table className="dense attention">
      <thead>
        <tr>
          <th>{a.at}</th>
          <th>{a.listing}</th>
          <th>{a.seller}</th>
          <th>{a.outcome}</th>
          <th>{a.evidence}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.reportId ?? r.captureId ?? r.at} data-capture={r.captureId ?? ''}>
            <td className="nowrap mono">{r.reportId ? r.at : utc(r.at)}</td>
            <td className="wrap">
              {r.listingId ? (
                <a href={hrefOf({ page: 'listing', id: r.listingId })}>
                  <code className="hash">{r.listing}</code>
                </a>
              ) : (
                <span className="mono small-text">{r.url}</span>
              )}
              {r.title ? <div className="small-text">{r.title}</div> : null}
            </td>
            <td className="wrap">{r.sellerId ? <a href={hrefOf({ page: 'seller', id: r.sellerId })} title={r.seller ?? undefined}>{r.sellerName ?? r.seller}</a> : <span className="muted small-text">{a.noSeller}</span>}</td>
            <td className="nowrap">{r.outcome ? (t.outcomes[r.outcome] ?? r.outcome) : r.reportId ? a.report : '—'}</td>
            <td className="nowrap">{r.captureId ? <CaptureLink id={r.captureId}>{a.open}</CaptureLink> : r.listingId ? <a className="button-link small" href={hrefOf({ page: 'listing', id: r.listingId })}>{a.open}</a> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
