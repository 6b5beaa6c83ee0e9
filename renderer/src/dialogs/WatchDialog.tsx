import { useEffect, useId, useState } from 'react';
import type { WatchRule, WatchTargetKind } from '../api/types.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useT } from '../i18n/i18n.js';
import { useDialogs } from '../state/dialogs.js';
import { hrefOf } from '../state/router.js';
import { useWatches } from '../state/watches.js';
import { drop } from '../util/drop.js';
import { utc } from '../util/format.js';

type Choice = 'daily' | 'weekly' | 'custom';
const DAY = 86_400;
const WEEK = 7 * DAY;

/** The interval as the custom field takes it: 12h, 3d, 2w. */
function customText(seconds: number): string {
  for (const [unit, s] of [['w', WEEK], ['d', DAY], ['h', 3600]] as const) if (seconds % s === 0) return `${seconds / s}${unit}`;
  return `${Math.round(seconds / 60)}m`;
}

/** Watch a listing, a seller or a case: re-captured on a schedule, while the app is open or from a scheduled command. */
export function WatchDialog({ target }: { target: { kind: WatchTargetKind; ref: string; label: string } }) {
  const t = useT();
  const d = t.watchDialog;
  const close = useDialogs((s) => s.close);
  const { rules, load, add } = useWatches();
  const existing = rules.find((r) => r.targetKind === target.kind && r.targetId === target.ref);
  const [choice, setChoice] = useState<Choice>('daily');
  const [custom, setCustom] = useState('12h');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<WatchRule | null>(null);
  const hintId = useId();
  useEffect(() => {
    drop(load());
  }, [load]);
  // An existing rule's interval is where the choice starts.
  useEffect(() => {
    if (!existing) return;
    if (existing.intervalSeconds === DAY) setChoice('daily');
    else if (existing.intervalSeconds === WEEK) setChoice('weekly');
    else {
      setChoice('custom');
      setCustom(customText(existing.intervalSeconds));
    }
  }, [existing?.id, existing?.intervalSeconds]);
  const every = choice === 'custom' ? custom : choice;
  return (
    <Dialog title={d.title(target.label)} onClose={close}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setSaved(null);
          drop(
            add(target.kind, target.ref, every).then((r) => {
              setBusy(false);
              if (!r.ok) return setError(r.error.message);
              setError(null);
              setSaved(r.rule);
            }),
          );
        }}
      >
        <p className="muted small-text">{d.what[target.kind]}</p>
        {existing && !saved ? <p className="small-text">{existing.active ? d.current(t.watch.every(existing.intervalSeconds), utc(existing.nextDueAt)) : d.pausedNow}</p> : null}
        <fieldset>
          <legend>{d.interval}</legend>
          {(['daily', 'weekly', 'custom'] as const).map((c) => (
            <label key={c} className="radio">
              <input type="radio" name="interval" value={c} checked={choice === c} onChange={() => setChoice(c)} /> {d.choices[c]}
            </label>
          ))}
          {choice === 'custom' ? (
            <div className="custom-interval">
              <label>
                <span>{d.customLabel}</span>
                <input type="text" name="every" value={custom} onChange={(e) => setCustom(e.target.value)} maxLength={40} className="mono" aria-describedby={hintId} autoFocus />
              </label>
              <small className="muted" id={hintId}>
                {d.customHint}
              </small>
            </div>
          ) : null}
        </fieldset>
        <ErrorNote message={error} />
        {saved ? (
          <p className="verdict good" role="status">
            {Date.parse(saved.nextDueAt) <= Date.now() ? d.savedDue(t.watch.every(saved.intervalSeconds)) : d.saved(t.watch.every(saved.intervalSeconds), utc(saved.nextDueAt))}{' '}
            <a href={hrefOf({ page: 'watch' })} onClick={close}>
              {d.toWatchScreen}
            </a>
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || (choice === 'custom' && !custom.trim())}>
            {existing ? d.change : d.save}
          </button>
          <button type="button" onClick={close}>
            {t.common.close}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
