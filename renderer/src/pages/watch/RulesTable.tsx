import { useState } from 'react';
import type { WatchRule } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { useWatches } from '../../state/watches.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';

/** What is watched and how often; a rule paused keeps its history. */
export function RulesTable({ rules, busy, onRun }: { rules: readonly WatchRule[]; busy: boolean; onRun(rule: WatchRule): void }) {
  const t = useT();
  const w = t.watch;
  const setActive = useWatches((s) => s.setActive);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" aria-label={w.rules}>
      <h2>
        {w.rules} <span className="count">{rules.length}</span>
      </h2>
      {error ? <p className="bad-text small-text">{error}</p> : null}
      {rules.length === 0 ? (
        <p className="muted">{w.noRules}</p>
      ) : (
        <table className="dense rules">
          <thead>
            <tr>
              <th>{w.target}</th>
              <th>{w.interval}</th>
              <th>{w.lastRunAt}</th>
              <th>{w.nextDue}</th>
              <th>{w.active}</th>
              <th>
            <span className="visually-hidden">{t.tables.actions}</span>
          </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} className={r.active ? undefined : 'paused'} data-rule={r.id}>
                <td className="wrap id-cell">
                  <span className="muted small-text">{w.targetKinds[r.targetKind]}</span> <Target rule={r} />
                </td>
                <td className="nowrap">{w.every(r.intervalSeconds)}</td>
                <td className="when mono">{r.lastRunAt ? utc(r.lastRunAt) : <span className="muted">{w.never}</span>}</td>
                <td className="when mono">{r.active ? utc(r.nextDueAt) : <span className="muted">{w.paused}</span>}</td>
                <td>
                  <label className="toggle">
                    <input
                      type="checkbox"
                      checked={r.active}
                      aria-label={w.activeFor(r.targetLabel)}
                      onChange={(e) => {
                        const active = e.target.checked;
                        drop(setActive(r.id, active).then((err) => setError(err?.message ?? null)));
                      }}
                    />
                  </label>
                </td>
                <td>
                  <button type="button" className="small" disabled={busy} aria-label={w.runNowFor(r.targetLabel)} onClick={() => onRun(r)}>
                    {w.runNow}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Target({ rule: r }: { rule: WatchRule }) {
  const label = <code className="hash">{r.targetLabel}</code>;
  if (r.targetKind === 'listing') return <a href={hrefOf({ page: 'listing', id: r.targetId })}>{label}</a>;
  if (r.targetKind === 'seller') return <a href={hrefOf({ page: 'seller', id: r.targetId })}>{label}</a>;
  return label;
}
