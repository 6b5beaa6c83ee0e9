import { useCallback, useEffect, useRef, useState } from 'react';
import type { BrowserPanel } from '../../api/browser-panel.js';
import type { BrowserCaptured, BrowserPanelState } from '../../api/types.js';
import { OutcomeBadge } from '../../components/Badges.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { caseInView } from '../../state/case.js';
import { useCases } from '../../state/cases.js';
import { useDialogs } from '../../state/dialogs.js';
import { refreshCatalogue } from '../../state/refresh.js';
import { hrefOf } from '../../state/router.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';
import { CaseSelect } from '../../components/CaseSelect.js';

type Capturing = { kind: 'idle' } | { kind: 'capturing' } | { kind: 'done'; captured: BrowserCaptured };

/**
 * The desktop app's browser panel: the page itself is drawn by the shell in
 * its own view, over the box below the controls, whose place is sent with
 * `show`. The view is hidden when this screen goes and while a dialog is
 * open (a native view would cover it).
 */
export function BrowserPanelView({ panel }: { panel: BrowserPanel }) {
  const t = useT();
  const b = t.browserPage;
  const cases = useCases((s) => s.cases);
  const dialogOpen = useDialogs((s) => s.open !== null);
  const [state, setState] = useState<BrowserPanelState | null>(null);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [capturing, setCapturing] = useState<Capturing>({ kind: 'idle' });
  const [caseId, setCaseId] = useState(caseInView() ?? '');
  const [note, setNote] = useState('');
  const view = useRef<HTMLDivElement>(null);

  useEffect(() => panel.onState(setState), [panel]);
  // The address bar follows the tab (a link followed, a redirect); what is being typed is replaced only then.
  const url = state?.url ?? '';
  useEffect(() => setAddress(url), [url]);

  const run = useCallback(
    (c: Parameters<BrowserPanel['command']>[0] & { op: 'go' | 'back' | 'forward' | 'reload' | 'clean' }) =>
      drop(
        panel.command(c).then((r) => {
          if (r.ok) setState(r.value);
          setError(r.ok ? null : r.error.message);
        }),
      ),
    [panel],
  );

  useEffect(() => {
    const el = view.current;
    if (!el) return;
    if (dialogOpen) {
      drop(panel.command({ op: 'hide' }));
      return;
    }
    // CSS pixels of the app's page: the window's own coordinates while the app is not zoomed.
    const place = () => {
      const r = el.getBoundingClientRect();
      const bounds = { x: Math.max(0, Math.round(r.left)), y: Math.max(0, Math.round(r.top)), width: Math.max(0, Math.round(r.width)), height: Math.max(0, Math.round(r.height)) };
      drop(panel.command({ op: 'show', bounds }).then((res) => res.ok && setState(res.value)));
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(el);
    window.addEventListener('resize', place);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', place);
      drop(panel.command({ op: 'hide' }));
    };
  }, [panel, dialogOpen]);

  const caseRef = cases.find((c) => c.id === caseId)?.id;
  const capture = () => {
    setCapturing({ kind: 'capturing' });
    setError(null);
    drop(
      panel.command({ op: 'capture', ...(caseRef ? { caseRef } : {}), ...(note.trim() ? { note: note.trim() } : {}) }).then((r) => {
        setCapturing(r.ok ? { kind: 'done', captured: r.value } : { kind: 'idle' });
        if (!r.ok) return setError(r.error.message);
        setNote('');
        drop(refreshCatalogue());
      }),
    );
  };

  const hasPage = url !== '' && url !== 'about:blank';
  return (
    <div className="browser-page">
      <form
        className="browser-bar"
        onSubmit={(e) => {
          e.preventDefault();
          if (address.trim()) run({ op: 'go', url: address.trim() });
        }}
      >
        <button type="button" className="small" onClick={() => run({ op: 'back' })} disabled={!state?.canGoBack} aria-label={b.back} title={b.back}>
          ←
        </button>
        <button type="button" className="small" onClick={() => run({ op: 'forward' })} disabled={!state?.canGoForward} aria-label={b.forward} title={b.forward}>
          →
        </button>
        <button type="button" className="small" onClick={() => run({ op: 'reload' })} disabled={!hasPage} aria-label={b.reload} title={b.reload}>
          ↻
        </button>
        <input type="text" name="address" className="mono grow" aria-label={b.address} value={address} onChange={(e) => setAddress(e.target.value)} spellCheck={false} maxLength={8000} />
        <button type="submit" className="small">
          {b.go}
        </button>
        <button type="button" className="small" onClick={() => run({ op: 'clean' })} title={b.cleanHelp}>
          {b.clean}
        </button>
      </form>
      <div className="browser-state small-text" role="status">
        <span className="browser-title">{hasPage ? state?.title || url : b.noPage}</span>
        {hasPage ? <span className="muted">{state?.loading ? b.loading : b.ready}</span> : null}
        <span className="muted">
          {t.common.labelled(b.session)}
          {state?.cleanedAt ? b.sessionCleaned(utc(state.cleanedAt)) : b.sessionKept}
        </span>
      </div>
      {state?.downloadsRefused.length ? (
        <div className="browser-downloads small-text" role="alert">
          <strong>{b.downloadsRefused}</strong>
          <ul>
            {state.downloadsRefused.slice(-3).map((d) => (
              <li key={`${d.at} ${d.url}`}>
                <span className="mono">{d.filename || b.unnamedFile}</span> {b.downloadFrom} <span className="mono">{d.url}</span> ({utc(d.at)} UTC)
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form
        className="browser-capture"
        onSubmit={(e) => {
          e.preventDefault();
          capture();
        }}
      >
        <CaseSelect label={b.case} none={b.noCase} value={caseId} onChange={setCaseId} />
        <label className="grow">
          <span>{b.note}</span>
          <input type="text" name="note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        </label>
        <button type="submit" className="primary" disabled={!hasPage || capturing.kind === 'capturing'}>
          {b.capture}
        </button>
      </form>
      {capturing.kind === 'capturing' ? <p className="progress browser-note">{b.capturing}</p> : null}
      {capturing.kind === 'done' ? (
        <p className="browser-note good-text">
          {b.captured} <OutcomeBadge outcome={capturing.captured.outcome} />{' '}
          <a href={hrefOf({ page: 'capture', id: capturing.captured.id })}>{b.open}</a>
        </p>
      ) : null}
      {error ? <ErrorNote message={error} /> : null}
      <div ref={view} className="browser-view" aria-label={b.view} />
    </div>
  );
}
