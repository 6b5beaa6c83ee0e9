import { useEffect, useRef } from 'react';
import { ErrorNote } from '../components/ErrorNote.js';
import { useT } from '../i18n/i18n.js';
import { useCases } from '../state/cases.js';
import { LISTING_KINDS, WORK_KINDS, useDashboard, type AttentionKind } from '../state/dashboard.js';
import { useRecapture } from '../state/recapture.js';
import { hrefOf } from '../state/router.js';
import { useSellers } from '../state/sellers.js';
import { useSession } from '../state/session.js';
import { drop } from '../util/drop.js';
import { utc } from '../util/format.js';

/** Home: what needs attention since the last visit, each count a link to the rows behind it. */
export function DashboardPage() {
  const t = useT();
  const d = t.dashboard;
  const { dashboard, error, marking, load, ensure, markSeen } = useDashboard();
  const version = useRecapture((s) => s.version);
  const settings = useSession((s) => s.settings);
  const sellers = useSellers((s) => s.sellers.length);
  const cases = useCases((s) => s.cases.length);
  // Opening home reads the counts unless they were just read (at start, main.tsx asked for them first);
  // a re-capture arriving reads them again.
  useEffect(() => {
    drop(ensure());
  }, [ensure]);
  const seenVersion = useRef(version);
  useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    drop(load());
  }, [load, version]);
  return (
    <div className="page home dashboard">
      <header className="page-head">
        <div>
          <h1>{d.title}</h1>
          <p className="subtitle small-text" data-since={dashboard?.since ?? ''}>
            {dashboard ? (dashboard.since ? d.sinceVisit(utc(dashboard.since)) : d.sinceBeginning) : t.common.loading}
          </p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => drop(load())}>
            {d.refresh}
          </button>
          <button type="button" className="primary" disabled={!dashboard || marking} onClick={() => drop(markSeen())}>
            {marking ? d.marking : d.markSeen}
          </button>
        </div>
      </header>
      <ErrorNote message={error} />
      {dashboard ? (
        <>
          <CountGroup title={d.listings} kinds={LISTING_KINDS} counts={dashboard.counts} />
          <section className="card" aria-label={d.work}>
            <h2>{d.work}</h2>
            <ul className="attention-counts">
              {WORK_KINDS.map((k) => (
                <CountTile key={k} kind={k} n={dashboard.counts[k]} />
              ))}
              <li className="attention-count" data-kind="stamps-pending">
                <span className="attention-head">
                  <span className="attention-n">{dashboard.stampsPending}</span>
                  <span className="attention-label">{d.stampsPending}</span>
                </span>
                <span className="attention-hint small-text muted">{d.stampsHint}</span>
              </li>
            </ul>
          </section>
          <p className="muted small-text">{d.asOf(utc(dashboard.asOf))}</p>
        </>
      ) : null}
      <section className="card" aria-label={d.workspace}>
        <h2>{d.workspace}</h2>
        <dl className="facts">
          <dt>{t.home.investigator}</dt>
          <dd>{settings?.investigator || <span className="muted">{t.home.notSet}</span>}</dd>
          <dt>{t.home.organisation}</dt>
          <dd>{settings?.organisation || <span className="muted">{t.home.notSet}</span>}</dd>
          <dt>{t.sidebar.cases}</dt>
          <dd>{cases}</dd>
          <dt>{t.sidebar.sellers}</dt>
          <dd>{sellers}</dd>
        </dl>
      </section>
    </div>
  );
}

function CountGroup({ title, kinds, counts }: { title: string; kinds: readonly AttentionKind[]; counts: Record<AttentionKind, number> }) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <ul className="attention-counts">
        {kinds.map((k) => (
          <CountTile key={k} kind={k} n={counts[k]} />
        ))}
      </ul>
    </section>
  );
}

function CountTile({ kind, n }: { kind: AttentionKind; n: number }) {
  const d = useT().dashboard;
  return (
    <li className={`attention-count${n > 0 ? ' has-some' : ''}`} data-kind={kind}>
      {/* Captures not filed open the inbox where they are filed; the other counts, their rows. */}
      <a href={hrefOf(kind === 'unfiled' ? { page: 'unfiled' } : { page: 'attention', id: kind })}>
        <span className="attention-n">{n}</span>
        <span className="attention-label">{d.kinds[kind]}</span>
      </a>
      <span className="attention-hint small-text muted">{d.hints[kind]}</span>
    </li>
  );
}
