import { useEffect, useState } from 'react';
import type { WatchRule } from '../../api/types.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { useRecapture } from '../../state/recapture.js';
import { useWatches } from '../../state/watches.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';
import { QueueTable } from './QueueTable.js';
import { RulesTable } from './RulesTable.js';
import { LastRunCard, RunningCard } from './RunCards.js';
import { SearchLastRunCard, SearchRunningCard } from './SearchRunCards.js';

/** The watch rules, the re-capture queue and its runs (the one going on, and the last one), and the watched searches run in the background. */
export function WatchPage() {
  const t = useT();
  const w = t.watch;
  const { status, error: statusError, version, run } = useRecapture();
  const { rules, error: rulesError, load } = useWatches();
  const [refusal, setRefusal] = useState<string | null>(null);
  // A run moves each rule's last and next times.
  useEffect(() => {
    drop(load());
  }, [load, version]);
  const running = status?.running ?? null;
  const searching = status?.monitors.run ?? null;
  // One watch run at a time in this process: a watched search going on refuses a re-capture.
  const busy = running !== null || searching !== null;
  const start = (input: Parameters<typeof run>[0]) => {
    setRefusal(null);
    drop(run(input).then((err) => setRefusal(err?.message ?? null)));
  };
  const runRule = (r: WatchRule) => start({ rule: r.id });
  return (
    <div className="page watch-page">
      <header className="page-head">
        <div>
          <h1>{w.title}</h1>
          <p className="subtitle small-text">
            {status?.background ? w.backgroundOn(w.every(status.background.everySeconds), status.background.nextCheckAt ? utc(status.background.nextCheckAt).slice(11) : null) : w.backgroundOff}
          </p>
        </div>
        <button type="button" className="primary" disabled={!status || busy || status.other !== null} onClick={() => start({ due: true })}>
          {w.runDue}
        </button>
      </header>
      <ErrorNote message={statusError ?? refusal} />
      {status?.other ? (
        <p className="verdict warn" role="status">
          {w.other(status.other.pid, status.other.host, utc(status.other.startedAt))}
        </p>
      ) : null}
      {status?.problem ? <ErrorNote message={w.problem(status.problem)} /> : null}
      {status?.monitors.problem ? <ErrorNote message={t.watchedSearch.problem(status.monitors.problem)} /> : null}
      <p className="legend muted small-text">{w.legend}</p>
      {!status ? <p className="muted">{t.common.loading}</p> : null}
      {searching ? <SearchRunningCard run={searching} /> : null}
      {running ? <RunningCard run={running} /> : null}
      {status ? <LastRunCard last={status.last} /> : null}
      {status ? <SearchLastRunCard monitors={status.monitors} /> : null}
      {status ? <QueueTable queue={status.queue} capturing={running?.capturing ?? []} /> : null}
      <ErrorNote message={rulesError} />
      <RulesTable rules={rules} busy={busy} onRun={runRule} />
    </div>
  );
}
