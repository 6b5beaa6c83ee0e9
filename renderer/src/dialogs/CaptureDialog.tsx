import { useState } from 'react';
import { call } from '../api/transport.js';
import type { CapturedLine } from '../api/types.js';
import { OutcomeBadge } from '../components/Badges.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useOperation } from '../components/useAsync.js';
import { useT } from '../i18n/i18n.js';
import { useCases } from '../state/cases.js';
import { useDialogs } from '../state/dialogs.js';
import { refreshCatalogue } from '../state/refresh.js';
import { hrefOf } from '../state/router.js';
import { useSellers } from '../state/sellers.js';
import { drop } from '../util/drop.js';

export function CaptureDialog() {
  const t = useT();
  const close = useDialogs((s) => s.close);
  const cases = useCases((s) => s.cases);
  const [text, setText] = useState('');
  // The case chosen in the sidebar is where new captures most likely belong.
  const [caseId, setCaseId] = useState(useSellers.getState().caseId ?? '');
  const [note, setNote] = useState('');
  const [op, start] = useOperation<'captures.capture'>();
  const urls = text.split(/\r?\n/).map((u) => u.trim()).filter(Boolean);
  // The case's id: a name typed here could otherwise make a new case.
  const caseRef = cases.find((c) => c.id === caseId)?.id;
  return (
    <Dialog title={t.captureDialog.title} onClose={close} wide>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (urls.length === 0) return;
          start(async () => {
            const r = await call('captures.capture', { urls, ...(caseRef ? { caseRef } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
            if (r.ok) drop(refreshCatalogue());
            return r;
          });
        }}
      >
        <label>
          <span>{t.captureDialog.urls}</span>
          <textarea name="urls" rows={5} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} className="mono" autoFocus />
        </label>
        <div className="row">
          <label>
            <span>{t.captureDialog.case}</span>
            <select name="case" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
              <option value="">{t.captureDialog.noCase}</option>
              {cases.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            <span>{t.captureDialog.note}</span>
            <input type="text" name="note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={op.state === 'running' || urls.length === 0}>
            {t.captureDialog.start}
          </button>
          <button type="button" onClick={close}>
            {t.common.close}
          </button>
        </div>
      </form>
      {op.state === 'running' ? <p className="progress" role="status">{t.captureDialog.running(urls.length)}</p> : null}
      {op.state === 'failed' ? <ErrorNote message={op.error.message} /> : null}
      {op.state === 'done' ? <CaptureOutcomes lines={op.value} onOpen={close} /> : null}
    </Dialog>
  );
}

function CaptureOutcomes({ lines, onOpen }: { lines: CapturedLine[]; onOpen(): void }) {
  const t = useT();
  const sellers = useSellers((s) => s.sellers);
  const nameOf = new Map(sellers.map((s) => [s.id, `${s.marketplace}:${s.sellerKey}${s.displayName ? ` (${s.displayName})` : ''}`]));
  return (
    <section className="capture-outcomes" aria-label={t.captureDialog.done(lines.length)}>
      <p className="good-text" role="status">
        {t.captureDialog.done(lines.length)}
      </p>
      <table className="dense">
        <thead>
          <tr>
            <th>{t.captureDialog.url}</th>
            <th>{t.captureDialog.outcome}</th>
            <th className="num">HTTP</th>
            <th>{t.captureDialog.filed}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td className="wrap">
                <code className="url">{l.requestedUrl}</code>
              </td>
              <td>
                <OutcomeBadge outcome={l.outcome} />
              </td>
              <td className="num">{l.httpStatus ?? '—'}</td>
              <td>
                {l.filing.sellerId ? (
                  <a href={hrefOf({ page: 'seller', id: l.filing.sellerId })} onClick={onOpen}>
                    {nameOf.get(l.filing.sellerId) ?? l.filing.sellerId}
                  </a>
                ) : (
                  <span className="muted">{t.captureDialog.notFiled}</span>
                )}
              </td>
              <td>
                <a className="button-link small" href={hrefOf({ page: 'capture', id: l.id })} onClick={onOpen}>
                  {t.captureDialog.open}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
