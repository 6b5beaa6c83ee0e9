import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import type { HubConnectionView } from '../../api/types.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useJob } from '../../components/useJob.js';
import { useT } from '../../i18n/i18n.js';
import { drop } from '../../util/drop.js';
import { localTime } from '../../util/format.js';

const pushOps = { status: () => call('hub.pushStatus', {}), cancel: () => call('hub.pushStatus', {}) };

/**
 * The team hub: its address and the person's token entered once (the token
 * never comes back from the API), then Push, with its progress and how it
 * ended: what was sent, what the hub had, its receipt, or the hub's reason
 * for refusing.
 */
export function HubCard() {
  const t = useT();
  const h = t.hub;
  const [view, setView] = useState<HubConnectionView | null>(null);
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [state, setState] = useState<{ kind: 'editing' | 'saving' | 'saved' } | { kind: 'failed'; message: string }>({ kind: 'editing' });
  const job = useJob(pushOps);
  const load = useCallback(
    () =>
      drop(
        call('hub.connection', {}).then((r) => {
          if (!r.ok) return setState({ kind: 'failed', message: r.error.message });
          setView(r.value);
          setUrl((u) => u || (r.value.url ?? ''));
        }),
      ),
    [],
  );
  useEffect(load, [load]);
  // A push that ended is recorded: the list below shows it.
  const lastId = job.last?.jobId;
  useEffect(() => {
    if (lastId) load();
  }, [lastId, load]);
  const busy = job.starting || job.running !== null;
  const progress = job.running?.progress ?? null;
  const outcome = job.last?.outcome ?? null;
  return (
    <section className="card" aria-label={h.title}>
      <h2>{h.title}</h2>
      <form
        className="stack settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          setState({ kind: 'saving' });
          drop(
            call('hub.connect', { url, ...(token.trim() ? { token: token.trim() } : {}) }).then((r) => {
              if (!r.ok) return setState({ kind: 'failed', message: r.error.message });
              setView(r.value);
              setUrl(r.value.url ?? '');
              setToken('');
              setState({ kind: 'saved' });
            }),
          );
        }}
      >
        <p className="muted small-text help">{h.help}</p>
        <label>
          <span>{h.url}</span>
          <input type="url" name="hubUrl" className="mono" value={url} placeholder={h.urlPlaceholder} spellCheck={false} maxLength={2000} onChange={(e) => (setUrl(e.target.value), setState({ kind: 'editing' }))} />
        </label>
        <label>
          <span>{h.token}</span>
          <input
            type="password"
            name="hubToken"
            className="mono"
            value={token}
            placeholder={view?.tokenSet ? h.tokenKept : h.tokenPlaceholder}
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            onChange={(e) => (setToken(e.target.value), setState({ kind: 'editing' }))}
          />
        </label>
        <p className="muted small-text">{h.tokenHelp}</p>
        <div className="form-actions">
          <button type="submit" disabled={state.kind === 'saving' || url.trim() === '' || (url.trim() === view?.url && token.trim() === '')}>
            {h.save}
          </button>
          <button type="button" className="primary" disabled={busy || !view?.url || !view.tokenSet} onClick={() => job.start(() => call('hub.pushStart', {}))}>
            {busy ? h.pushing : h.push}
          </button>
          {state.kind === 'saved' ? (
            <span className="good-text" role="status">
              {h.saved}
            </span>
          ) : null}
        </div>
        {state.kind === 'failed' ? <ErrorNote message={state.message} /> : null}
        {!view?.url ? <p className="muted small-text">{h.noUrl}</p> : null}
      </form>
      {busy ? (
        <div className="stack" role="status" aria-live="polite" data-testid="hub-push-progress">
          <ProgressBar label={h.pushing} {...(progress && progress.objectsToSend > 0 ? { value: progress.objectsSent, max: progress.objectsToSend } : {})} />
          <span className="small-text">{progress ? h.progress(progress.objectsSent, progress.objectsToSend) : h.starting}</span>
        </div>
      ) : null}
      <ErrorNote message={job.error?.message ?? null} />
      {!busy && outcome?.kind === 'done' ? (
        <div className="stack" role="status" data-testid="hub-push-outcome">
          <p className="good-text">{h.done(outcome.value.objectsSent, outcome.value.objectsAlreadyThere)}</p>
          <p className="small-text">
            {outcome.value.receipt ? h.captures(outcome.value.capturesSent) : h.nothing}
            {outcome.value.receipt ? ` ${h.receipt(outcome.value.receipt.seq)}` : ''}
            {outcome.value.recorded !== null ? ` ${h.recorded(outcome.value.recorded)}` : ''}
          </p>
        </div>
      ) : null}
      {!busy && outcome?.kind === 'failed' ? (
        <div role="alert" data-testid="hub-push-outcome">
          <ErrorNote message={`${h.refused} “${outcome.message}”`} />
        </div>
      ) : null}
      {view && view.pushes.length > 0 ? (
        <>
          <h3>{h.history}</h3>
          <ul className="plain small-text" data-testid="hub-pushes">
            {view.pushes.map((p) => (
              <li key={p.custodySeq}>
                {localTime(p.at, t.locale)} — <code className="url">{p.hubUrl}</code>: {h.historyLine(p.captures, p.objectsSent, p.hubUser)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
