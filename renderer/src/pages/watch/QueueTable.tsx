import type { QueuedJob } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { utc } from '../../util/format.js';

/** Pages waiting to be re-captured, soonest first; a captcha's retry waits hours, a network failure's a minute. */
export function QueueTable({ queue, capturing }: { queue: { jobs: QueuedJob[]; total: number }; capturing: readonly string[] }) {
  const t = useT();
  const w = t.watch;
  const now = Date.now();
  return (
    <section className="card" aria-label={w.queue}>
      <h2>
        {w.queue} <span className="count">{queue.total}</span>
      </h2>
      {queue.total === 0 ? (
        <p className="muted">{w.queueEmpty}</p>
      ) : (
        <table className="dense queue">
          <thead>
            <tr>
              <th>{w.page}</th>
              <th>{w.kind}</th>
              <th>{w.notBefore}</th>
              <th className="num">{w.attempts}</th>
              <th>{w.lastOutcome}</th>
            </tr>
          </thead>
          <tbody>
            {queue.jobs.map((j) => (
              <tr key={j.id} data-state={capturing.includes(j.url) ? 'capturing' : 'waiting'}>
                <td className="wrap">
                  {j.listingId ? (
                    <a href={hrefOf({ page: 'listing', id: j.listingId })}>
                      <code className="hash">{j.label ?? j.listingId}</code>
                    </a>
                  ) : j.sellerId ? (
                    <a href={hrefOf({ page: 'seller', id: j.sellerId })}>
                      <code className="hash">{j.label ?? j.sellerId}</code>
                    </a>
                  ) : null}
                  <div className="muted url small-text">{j.url}</div>
                </td>
                <td>{w.jobKinds[j.kind]}</td>
                <td className="nowrap mono">{capturing.includes(j.url) ? <span className="progress-inline">{w.capturingJob}</span> : Date.parse(j.notBefore) <= now ? w.now : utc(j.notBefore)}</td>
                <td className="num">{j.attempts}</td>
                <td>{j.lastOutcome ? (t.outcomes[j.lastOutcome] ?? j.lastOutcome) : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {queue.total > queue.jobs.length ? <p className="muted small-text">{w.moreQueued(queue.jobs.length, queue.total)}</p> : null}
    </section>
  );
}
