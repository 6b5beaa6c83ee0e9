import { useState } from 'react';
import type { CaptureNote } from '../../api/types.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { useCapture } from '../../state/capture.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';

/**
 * The investigator's note on a capture: in amber, as every record of the
 * investigator's own is, and never mixed with what the capture shows. Each
 * save is a new version; the earlier ones stay readable beneath it.
 */
export function NotesPanel({ note }: { note: CaptureNote | null }) {
  const t = useT();
  const n = t.notes;
  const writeNote = useCapture((s) => s.writeNote);
  const current = note?.text ?? '';
  const [text, setText] = useState(current);
  const [state, setState] = useState<{ kind: 'editing' | 'saving' | 'saved' } | { kind: 'failed'; message: string }>({ kind: 'editing' });
  const history = note?.history ?? [];
  return (
    <section className="card own-note" aria-label={n.title}>
      <h2>
        {n.title} <span className="own-tag">{n.notEvidence}</span>
      </h2>
      <p className="own-explain">{n.explain}</p>
      {current ? (
        <div className="own-current">
          <p className="own-text" data-testid="note-in-force">
            {current}
          </p>
          <p className="own-when">{n.written(utc(note?.at))}</p>
        </div>
      ) : (
        <p className="own-when">{note ? `${n.cleared} · ${n.written(utc(note.at))}` : n.none}</p>
      )}
      {history.length > 0 ? (
        <details className="own-history">
          <summary>{n.earlier(history.length)}</summary>
          <ol>
            {history.map((h, i) => (
              <li key={`${h.at}-${i}`}>
                <span className="own-when">{utc(h.at)}</span> <span className="own-old">{h.text === '' ? n.cleared : h.text}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <form
        className="own-edit"
        onSubmit={(e) => {
          e.preventDefault();
          setState({ kind: 'saving' });
          drop(writeNote(text.trim()).then((err) => setState(err ? { kind: 'failed', message: err.message } : { kind: 'saved' })));
        }}
      >
        <label>
          <span>{n.editLabel}</span>
          <textarea
            name="note"
            rows={3}
            value={text}
            placeholder={n.placeholder}
            maxLength={20_000}
            onChange={(e) => {
              setText(e.target.value);
              setState({ kind: 'editing' });
            }}
          />
        </label>
        <div className="form-actions">
          <button type="submit" className="small" disabled={state.kind === 'saving' || text.trim() === current}>
            {n.save}
          </button>
          {state.kind === 'saving' ? <span className="muted small-text">{n.saving}</span> : null}
          {state.kind === 'saved' ? (
            <span className="good-text small-text" role="status">
              {n.saved}
            </span>
          ) : null}
        </div>
        {state.kind === 'failed' ? <ErrorNote message={state.message} /> : null}
      </form>
    </section>
  );
}
