import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import type { AuthorityView, WorkspaceInfo } from '../../api/types.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Hash } from '../../components/Hash.js';
import { existedText, pendingDetails, StampNow } from '../../components/Stamp.js';
import { useT } from '../../i18n/i18n.js';
import { useSession } from '../../state/session.js';
import { drop } from '../../util/drop.js';

type FormState = { kind: 'editing' | 'saving' | 'saved' } | { kind: 'failed'; message: string };

/**
 * Trusted time: the authorities every capture is sent to (as its manifest's
 * hash only), the roots added for them, the NTP servers the clock is checked
 * against, and what is stamped or still waiting. The API checks every change
 * and says why it refuses one; nothing is changed then.
 */
export function TrustedTimeCard({ info, ntpServers, onChanged }: { info: WorkspaceInfo | null; ntpServers: string; onChanged(): void }) {
  const t = useT();
  const tt = t.trustedTime;
  const [authorities, setAuthorities] = useState<AuthorityView[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  useEffect(() => {
    drop(
      call('tsa.list', {}).then((r) => {
        if (r.ok) setAuthorities(r.value);
        else setListError(r.error.message);
      }),
    );
  }, []);
  const remove = useCallback((url: string) => {
    setListError(null);
    drop(
      call('tsa.remove', { url }).then((r) => {
        if (r.ok) setAuthorities(r.value);
        else setListError(r.error.message);
      }),
    );
  }, []);
  return (
    <section className="card trusted-time" aria-label={tt.title}>
      <h2>{tt.title}</h2>
      <p className="muted small-text help">{tt.help}</p>
      <h3>{tt.authorities}</h3>
      {!authorities ? (
        <p className="muted">{t.common.loading}</p>
      ) : authorities.length === 0 ? (
        <p className="verdict warn">{tt.noAuthorities}</p>
      ) : (
        <ul className="plain authority-list" aria-label={tt.authorities}>
          {authorities.map((a) => (
            <li key={a.url} className="authority" data-url={a.url}>
              <div className="authority-head">
                <div className="authority-name">
                  <strong>{a.name}</strong> <code className="url">{a.url}</code>
                </div>
                <button type="button" className="small" aria-label={tt.removeLabel(a.name)} onClick={() => remove(a.url)}>
                  {tt.remove}
                </button>
              </div>
              {a.roots.length === 0 ? (
                <div className="muted small-text">{tt.builtIn}</div>
              ) : (
                <div className="authority-roots small-text">
                  <span className="muted">{t.common.labelled(tt.roots)}</span>
                  <ul className="plain">
                    {a.roots.map((r) => (
                      <li key={r.sha256} className="authority-root">
                        <div>{tt.rootLine(r.subject)}</div>
                        <div>
                          <span className="muted">SHA-256 </span>
                          <Hash value={r.sha256} />
                        </div>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote message={listError} />
      <AddAuthority onAdded={setAuthorities} />
      <NtpServers saved={ntpServers} />
      <h3>{tt.status}</h3>
      <KeyStamp info={info} onChanged={onChanged} />
    </section>
  );
}

function AddAuthority({ onAdded }: { onAdded(list: AuthorityView[]): void }) {
  const t = useT();
  const tt = t.trustedTime;
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [rootPem, setRootPem] = useState('');
  const [state, setState] = useState<FormState>({ kind: 'editing' });
  const edit = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setState({ kind: 'editing' });
  };
  return (
    <form
      className="stack settings-form add-authority"
      aria-label={tt.add}
      onSubmit={(e) => {
        e.preventDefault();
        setState({ kind: 'saving' });
        const input = { url: url.trim(), ...(name.trim() ? { name: name.trim() } : {}), ...(rootPem.trim() ? { rootPem } : {}) };
        drop(
          call('tsa.add', input).then((r) => {
            if (!r.ok) return setState({ kind: 'failed', message: r.error.message });
            onAdded(r.value);
            setUrl('');
            setName('');
            setRootPem('');
            setState({ kind: 'saved' });
          }),
        );
      }}
    >
      <h3>{tt.add}</h3>
      <label>
        <span>{tt.addUrl}</span>
        <input type="text" name="tsaUrl" className="mono" value={url} onChange={edit(setUrl)} maxLength={2000} spellCheck={false} aria-invalid={state.kind === 'failed'} />
      </label>
      <label>
        <span>{tt.addName}</span>
        <input type="text" name="tsaName" value={name} onChange={edit(setName)} maxLength={200} />
      </label>
      <label>
        <span>{tt.addRoot}</span>
        <textarea name="tsaRoot" className="mono pem" rows={4} value={rootPem} onChange={edit(setRootPem)} placeholder={tt.addRootPlaceholder} spellCheck={false} />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={state.kind === 'saving' || url.trim() === ''}>
          {tt.addButton}
        </button>
        {state.kind === 'saving' ? <span className="muted">{tt.adding}</span> : null}
        {state.kind === 'saved' ? (
          <span className="good-text" role="status">
            {tt.added}
          </span>
        ) : null}
      </div>
      {state.kind === 'failed' ? <ErrorNote message={state.message} /> : null}
    </form>
  );
}

function NtpServers({ saved }: { saved: string }) {
  const t = useT();
  const tt = t.trustedTime;
  const save = useSession((s) => s.save);
  const [value, setValue] = useState(saved);
  const [state, setState] = useState<FormState>({ kind: 'editing' });
  return (
    <form
      className="stack settings-form ntp-servers"
      onSubmit={(e) => {
        e.preventDefault();
        setState({ kind: 'saving' });
        drop(save({ ntpServers: value.trim() }).then((err) => setState(err ? { kind: 'failed', message: err.message } : { kind: 'saved' })));
      }}
    >
      <h3>{tt.clockCheck}</h3>
      <p className="muted small-text help">{tt.ntpHelp}</p>
      <label>
        <span>{tt.ntp}</span>
        <input
          type="text"
          name="ntpServers"
          className="mono"
          value={value}
          placeholder={tt.ntpPlaceholder}
          maxLength={1000}
          spellCheck={false}
          aria-invalid={state.kind === 'failed'}
          onChange={(e) => {
            setValue(e.target.value);
            setState({ kind: 'editing' });
          }}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={state.kind === 'saving' || value.trim() === saved}>
          {tt.ntpSave}
        </button>
        {state.kind === 'saved' ? (
          <span className="good-text" role="status">
            {tt.ntpSaved}
          </span>
        ) : null}
      </div>
      {state.kind === 'failed' ? <ErrorNote message={state.message} /> : null}
    </form>
  );
}

/** The key's own stamp (when a third party first saw it), what still waits, and Stamp now. */
function KeyStamp({ info, onChanged }: { info: WorkspaceInfo | null; onChanged(): void }) {
  const t = useT();
  const tt = t.trustedTime;
  if (!info) return <p className="muted">{t.common.loading}</p>;
  const k = info.keyTimestamp;
  return (
    <div className="key-stamp">
      <div className="key-stamp-line" data-testid="key-stamp" data-status={k.status}>
        {k.status === 'stamped' ? (
          k.tokens.map((token) => <p key={`${token.authorityUrl}-${token.name}`}>{tt.keyStamped(existedText(t, token))}</p>)
        ) : (
          <p>{k.status === 'pending' ? tt.keyPending(pendingDetails(t, k)) : tt.keyNotStamped}</p>
        )}
      </div>
      <p className="pending-count" data-testid="pending-stamps" data-count={info.pendingStamps}>
        {tt.pendingCount(info.pendingStamps)}
      </p>
      <StampNow onDone={onChanged} disabled={info.pendingStamps === 0} />
    </div>
  );
}
