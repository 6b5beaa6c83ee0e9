import { useEffect } from 'react';
import { useT } from '../i18n/i18n.js';
import { useDashboard } from '../state/dashboard.js';
import { useRecapture } from '../state/recapture.js';
import { hrefOf, useRouter } from '../state/router.js';
import { useTakedowns } from '../state/takedowns.js';
import { drop } from '../util/drop.js';

/** The two screens about known offenders over time: what is watched (and running), and what was reported. */
export function WorkNav() {
  const t = useT();
  const page = useRouter((s) => s.route.page);
  const status = useRecapture((s) => s.status);
  const reports = useTakedowns((s) => s.lines.length);
  const loadReports = useTakedowns((s) => s.load);
  useEffect(() => {
    drop(loadReports());
  }, [loadReports]);
  // Captures under no seller, whenever taken: the dashboard's count, which does not depend on the last visit.
  const unfiled = useDashboard((s) => s.dashboard?.counts.unfiled ?? 0);
  useEffect(() => {
    drop(useDashboard.getState().ensure());
  }, []);
  // A re-capture run's pages, else a watched search's result pages, else what waits.
  const searching = status?.monitors.run?.current;
  const progress = status?.running ?? searching;
  const running = Boolean(status?.running ?? status?.monitors.run);
  const watchCount = progress ? t.nav.running(progress.done, progress.total) : status && status.queue.total > 0 ? t.nav.queued(status.queue.total) : '';
  return (
    <ul className="work-nav" aria-label={t.nav.label}>
      <li>
        <a className={`work-item ${page === 'watch' ? 'on' : ''}`} href={hrefOf({ page: 'watch' })} aria-current={page === 'watch' ? 'page' : undefined}>
          <span>{t.nav.watch}</span>
          <span className={`count ${running ? 'live' : ''}`}>{watchCount}</span>
        </a>
      </li>
      <li>
        <a className={`work-item ${page === 'takedowns' ? 'on' : ''}`} href={hrefOf({ page: 'takedowns' })} aria-current={page === 'takedowns' ? 'page' : undefined}>
          <span>{t.nav.takedowns}</span>
          <span className="count">{reports > 0 ? reports : ''}</span>
        </a>
      </li>
      <li>
        <a className={`work-item ${page === 'dossiers' ? 'on' : ''}`} href={hrefOf({ page: 'dossiers' })} aria-current={page === 'dossiers' ? 'page' : undefined}>
          <span>{t.dossiers.nav}</span>
          <span className="count"></span>
        </a>
      </li>
      <li>
        <a className={`work-item ${page === 'unfiled' ? 'on' : ''}`} href={hrefOf({ page: 'unfiled' })} aria-current={page === 'unfiled' ? 'page' : undefined}>
          <span>{t.unfiled.nav}</span>
          <span className="count">{unfiled ? unfiled : ''}</span>
        </a>
      </li>
      <li>
        <a className={`work-item ${page === 'triage' ? 'on' : ''}`} href={hrefOf({ page: 'triage' })} aria-current={page === 'triage' ? 'page' : undefined}>
          <span>{t.triage.nav}</span>
          <span className="count" />
        </a>
      </li>
      <li>
        <a className={`work-item ${page === 'links' || page === 'operator' ? 'on' : ''}`} href={hrefOf({ page: 'links' })} aria-current={page === 'links' ? 'page' : undefined}>
          <span>{t.links.nav}</span>
          <span className="count" />
        </a>
      </li>
    </ul>
  );
}
