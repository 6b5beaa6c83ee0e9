import type { FinishedView, RunningView } from '../../api/types.js';
import { ClassificationBadge, EventBadge } from '../../components/Badges.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useT } from '../../i18n/i18n.js';
import { attentionHref } from '../../state/dashboard.js';
import { useRecapture } from '../../state/recapture.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';
import { ResultsTable } from './ResultsTable.js';

/** The run going on in the app: how far, what is being captured, each page's result as it comes. */
export function RunningCard({ run }: { run: RunningView }) {
  const t = useT();
  const w = t.watch;
  const cancel = useRecapture((s) => s.cancel);
  return (
    <section className="card run-card" aria-label={w.running}>
      <header className="card-head">
        <h2>
          {w.running} <span className="count">{w.startedBy(w.triggers[run.trigger] ?? run.trigger)}</span>
        </h2>
        <button type="button" className="small" onClick={() => drop(cancel())} disabled={run.cancelling}>
          {w.cancel}
        </button>
      </header>
      <div className="batch-progress">
        <ProgressBar label={w.progressLabel} {...(run.total > 0 ? { value: run.done, max: run.total } : {})} />
        <span className="batch-count">{run.total > 0 ? w.progress(run.done, run.total) : ''}</span>
      </div>
      <p className="progress" role="status">
        {run.cancelling ? w.cancelling : run.total === 0 ? w.starting : w.working}
      </p>
      {run.capturing.length > 0 ? (
        <div className="capturing small-text">
          <span className="muted">{w.capturingNow}</span>
          <ul className="plain">
            {run.capturing.map((u) => (
              <li key={u}>
                <code className="url">{u}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {run.results.length > 0 ? <ResultsTable results={run.results} label={w.resultsSoFar} /> : null}
      {run.resultCount > run.results.length ? <p className="muted small-text">{w.moreResults(run.results.length, run.resultCount)}</p> : null}
    </section>
  );
}

/** The latest run that finished, here or elsewhere: when, who started it, how it came out. */
export function LastRunCard({ last }: { last: FinishedView | null }) {
  const t = useT();
  const w = t.watch;
  if (!last) {
    return (
      <section className="card" aria-label={w.lastRun}>
        <h2>{w.lastRun}</h2>
        <p className="muted">{w.noRun}</p>
      </section>
    );
  }
  const seconds = Math.max(0, Math.round((Date.parse(last.finishedAt) - Date.parse(last.startedAt)) / 1000));
  const counts = (['changed', 'removed', 'unchanged', 'first', 'blocked', 'error'] as const).filter((c) => last.counts[c] > 0);
  return (
    <section className="card" aria-label={w.lastRun}>
      <h2>{w.lastRun}</h2>
      <dl className="facts">
        <dt>{w.finishedAt}</dt>
        <dd className="mono">{utc(last.finishedAt)}</dd>
        <dt>{w.started}</dt>
        <dd>
          {w.triggers[last.trigger] ?? last.trigger} <span className="muted small-text">· {w.took(seconds)}</span>
        </dd>
        <dt>{w.pages}</dt>
        <dd>
          {/* The status is inside the dd: a dd with a role of its own is no longer one (axe-core: definition-list). */}
          <span className="run-summary" role="status">
          {last.jobs === 0 ? (
            <span className="muted">{w.nothingDue}</span>
          ) : (
            <>
              <span className="summary-count">{w.pageCount(last.jobs)}</span>
              {counts.map((c) =>
                c === 'removed' ? (
                  <RemovedCounts key={c} last={last} />
                ) : (
                  <span key={c} className="summary-count">
                    {last.counts[c]} <ClassificationBadge classification={c} />
                  </span>
                ),
              )}
              {last.reappeared > 0 ? (
                <span className="summary-count">
                  {last.reappeared} <ClassificationBadge classification="reappeared" />
                </span>
              ) : null}
            </>
          )}
          </span>
        </dd>
        {last.retryLater > 0 || last.failed > 0 ? (
          <>
            <dt>{w.followUp}</dt>
            <dd>{[last.retryLater > 0 ? w.retryLater(last.retryLater) : '', last.failed > 0 ? w.failed(last.failed) : ''].filter(Boolean).join(' · ')}</dd>
          </>
        ) : null}
      </dl>
      {last.cancelled ? <p className="verdict warn">{w.cancelledNote}</p> : null}
      {last.results && last.results.length > 0 ? <ResultsTable results={last.results} label={w.lastRunPages} /> : null}
      {last.results === null && last.jobs > 0 ? <p className="muted small-text">{w.pagesElsewhere}</p> : null}
    </section>
  );
}

/*
 * Removed as the dashboard and the seller timeline count it (a listing found
 * gone after it was seen up), a link to those rows; the re-checks that found
 * a listing still gone apart, in words.
 */
function RemovedCounts({ last }: { last: FinishedView }) {
  const w = useT().watch;
  const still = last.counts.removed - last.removals;
  return (
    <>
      {last.removals > 0 ? (
        <a className="summary-count" data-count="removed" href={attentionHref('removed', { since: last.startedAt, until: last.finishedAt })} title={w.openRows}>
          {last.removals} <ClassificationBadge classification="removed" />
        </a>
      ) : null}
      {still > 0 ? (
        <span className="summary-count" data-count="still-removed">
          {still} <EventBadge kind="still-removed" />
        </span>
      ) : null}
    </>
  );
}
