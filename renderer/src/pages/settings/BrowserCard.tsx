import { useState } from 'react';
import { overServe } from '../../api/transport.js';
import type { WorkspaceInfo } from '../../api/types.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { useSession } from '../../state/session.js';
import { drop } from '../../util/drop.js';

/**
 * The browser captures use. The API checks a path before keeping it (an
 * existing program), and says why when it will not; below, which browser a
 * capture started now would use, and why that one. From `exhibit serve` the
 * path is shown, not edited: the API does not take a program to run by that
 * door (see transport-policy.ts).
 */
export function BrowserCard({ saved, info, onSaved }: { saved: string; info: WorkspaceInfo | null; onSaved(): void }) {
  const t = useT();
  const s = t.settingsMore;
  const save = useSession((st) => st.save);
  const [path, setPath] = useState(saved);
  const [state, setState] = useState<{ kind: 'editing' | 'saving' | 'saved' } | { kind: 'failed'; message: string }>({ kind: 'editing' });
  return (
    <section className="card" aria-label={s.browser}>
      <h2>{s.browser}</h2>
      {overServe() ? (
        <div className="stack settings-form">
          <p className="muted small-text help">{s.browserHelp}</p>
          <dl className="facts">
            <div className="fact">
              <dt>{s.browserPath}</dt>
              <dd data-testid="browser-path-saved">{saved ? <code className="url">{saved}</code> : <span className="muted">{s.browserPlaceholder}</span>}</dd>
            </div>
          </dl>
          <p className="small-text" role="note">
            {s.browserServeOnly}
          </p>
        </div>
      ) : (
        <form
          className="stack settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            setState({ kind: 'saving' });
            drop(
              save({ browserPath: path.trim() }).then((err) => {
                setState(err ? { kind: 'failed', message: err.message } : { kind: 'saved' });
                if (!err) onSaved();
              }),
            );
          }}
        >
          <p className="muted small-text help">{s.browserHelp}</p>
          <label>
            <span>{s.browserPath}</span>
            <input
              type="text"
              name="browserPath"
              className="mono"
              value={path}
              placeholder={s.browserPlaceholder}
              spellCheck={false}
              maxLength={4096}
              aria-invalid={state.kind === 'failed'}
              onChange={(e) => {
                setPath(e.target.value);
                setState({ kind: 'editing' });
              }}
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={state.kind === 'saving' || path.trim() === saved}>
              {s.saveBrowser}
            </button>
            {state.kind === 'saved' ? (
              <span className="good-text" role="status">
                {s.browserSaved}
              </span>
            ) : null}
          </div>
          {state.kind === 'failed' ? <ErrorNote message={state.message} /> : null}
        </form>
      )}
      <dl className="facts now-using">
        <div className="fact">
          <dt>{s.nowUsing}</dt>
          <dd data-testid="browser-in-use">
            {!info ? (
              t.common.loading
            ) : info.browser ? (
              <>
                <code className="url">{info.browser.path}</code> <span className="muted small-text">({s.source(info.browser.source)})</span>
              </>
            ) : (
              <span className="bad-text">
                {s.noBrowser}: {info.browserProblem}
              </span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
