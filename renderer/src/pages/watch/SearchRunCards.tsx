import type { MonitorRunSummary, MonitorRunView, MonitorsStatus } from '../../api/types.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useT } from '../../i18n/i18n.js';
import { useRecapture } from '../../state/recapture.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';

/** The watched-search run going on in the background: which search, how far, and Cancel. */
export function SearchRunningCard({ run }: { run: MonitorRunView }) {
  const w = useT().watchedSearch;
  const cancel = useRecapture((s) => s.cancel);
  const c = run.current;
  const listings = c?.phase === 'listings';
  return (
    <section className="card run-card search-run" aria-label={w.running}>
      <header className="card-head">
        <h2>
          {w.running} {c ? <span className="count">{`${c.brand} · ${w.searchOf(c.search, c.searches)}`}</span> : null}
        </h2>
        <button type="button" className="small" onClick={() => drop(cancel())} disabled={run.cancelling}>
          {run.cancelling ? w.cancelling : w.cancel}
        </button>
      </header>
      {c ? <code className="url small-text">{c.url}</code> : null}
      <div className="batch-progress">
        <ProgressBar label={listings ? w.listingsLabel : w.progressLabel} {...(c && c.total > 0 ? { value: c.done, max: c.total } : {})} />
        <span className="batch-count">{c ? (listings ? w.listingsProgress(c.done, c.total) : w.progress(c.done, c.total)) : ''}</span>
      </div>
      <p className="progress" role="status">
        {run.cancelling ? w.cancellingNote : !c ? w.starting : listings ? w.capturingListings : w.capturing}
      </p>
    </section>
  );
}

/** The latest watched-search run here: each search's pages, what it found, and whether it was cancelled. */
export function SearchLastRunCard({ monitors }: { monitors: MonitorsStatus }) {
  const w = useT().watchedSearch;
  if (!monitors.lastFinishedAt) return null;
  // Cancelled after its result pages were read, while it captured the results over the score in full.
  const listingsCancel = monitors.lastRuns.some((r) => r.cancelled && r.listings !== null && r.pages.every((p) => !p.cancelled));
  return (
    <section className="card search-last-run" aria-label={w.lastRun}>
      <h2>{w.lastRun}</h2>
      <dl className="facts">
        <dt>{w.finishedAt}</dt>
        <dd className="mono">{utc(monitors.lastFinishedAt)}</dd>
      </dl>
      {monitors.lastCancelled ? (
        <p className="verdict warn" role="status">
          {(listingsCancel ? w.listingsCancelledNote : w.cancelledNote)(monitors.heldUntil ? utc(monitors.heldUntil).slice(11) : null)}
        </p>
      ) : null}
      {monitors.lastRuns.length === 0 ? <p className="muted">{w.nothingRecorded}</p> : <SearchesTable runs={monitors.lastRuns} />}
    </section>
  );
}

function SearchesTable({ runs }: { runs: readonly MonitorRunSummary[] }) {
  const w = useT().watchedSearch;
  return (
    <table className="dense searches" aria-label={w.searches}>
      <thead>
        <tr>
          <th>{w.search}</th>
          <th>{w.pages}</th>
          <th className="num">{w.fresh}</th>
          <th className="num">{w.present}</th>
          <th className="num">{w.gone}</th>
          <th>{w.state}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const state = r.cancelled ? 'cancelled' : r.complete ? 'complete' : 'incomplete';
          const captured = r.pages.filter((p) => p.captureId !== null).length;
          const cancelled = r.pages.filter((p) => p.cancelled).length;
          return (
            <tr key={r.runId} data-state={state}>
              <td className="wrap">
                {r.brand} <code className="url small-text">{r.url}</code>
              </td>
              <td className="nowrap">
                {w.pagesCaptured(captured, r.pages.length)}
                {cancelled > 0 ? <span className="muted"> · {w.pagesCancelled(cancelled)}</span> : null}
              </td>
              <td className="num">{r.counts.new}</td>
              <td className="num">{r.counts.present}</td>
              <td className="num">{r.counts.gone}</td>
              <td className="nowrap">
                <span className={`badge cls ${state === 'complete' ? 'cls-same' : 'cls-unknown'}`}>{w.states[state]}</span>
                {r.listings && r.listings.above > 0 ? (
                  <div className="muted small-text" data-testid="listings-over-score">
                    {w.listingsCounts(r.listings.captured, r.listings.above, r.listings.cancelled, r.listings.notReached)}
                  </div>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
