import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/transport.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useOperation } from '../../components/useAsync.js';
import { useT } from '../../i18n/i18n.js';
import { drop } from '../../util/drop.js';

/** The text to paste into a platform's report form: each listing's address and the hashes of the capture that shows it. */
export function NoticePanel({ platforms, initial }: { platforms: readonly string[]; initial: string }) {
  const t = useT();
  const k = t.takedown;
  const [platform, setPlatform] = useState(initial);
  const [all, setAll] = useState(false);
  const [op, start, reset] = useOperation<'takedown.notice'>();
  const [copied, setCopied] = useState<'copied' | 'selected' | null>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setPlatform(initial), [initial]);
  const showNotice = () => {
    setCopied(null);
    start(() => call('takedown.notice', { platform, all }));
  };
  const copy = async () => {
    const value = op.state === 'done' ? op.value.text : '';
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      // The desktop app grants no permission, the clipboard's included: the text is selected for Ctrl+C instead.
      text.current?.select();
      setCopied('selected');
    }
  };
  return (
    <section className="card notice-panel" aria-label={k.notice}>
      <header className="card-head">
        <h2>{k.notice}</h2>
      </header>
      <div className="row notice-choice">
        <label>
          <span>{k.platform}</span>
          <select
            value={platform}
            onChange={(e) => {
              setPlatform(e.target.value);
              reset();
            }}
          >
            {platforms.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="radio">
          <input
            type="checkbox"
            checked={all}
            onChange={(e) => {
              setAll(e.target.checked);
              reset();
            }}
          />{' '}
          {k.includeRemoved}
        </label>
        <button type="button" onClick={showNotice} disabled={op.state === 'running'}>
          {k.showNotice}
        </button>
      </div>
      {op.state === 'failed' ? <ErrorNote message={op.error.message} /> : null}
      {op.state === 'done' ? (
        <div className="notice-text">
          <textarea ref={text} readOnly className="mono" aria-label={k.noticeFor(op.value.platform)} value={op.value.text} rows={Math.min(24, op.value.text.split('\n').length + 1)} spellCheck={false} />
          <div className="form-actions">
            <button type="button" className="small" onClick={() => drop(copy())}>
              {k.copy}
            </button>
            {copied ? (
              <span className={copied === 'copied' ? 'good-text small-text' : 'muted small-text'} role="status">
                {copied === 'copied' ? k.copied : k.selected}
              </span>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
