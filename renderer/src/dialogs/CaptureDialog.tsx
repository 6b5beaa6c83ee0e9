import { useEffect, useState } from 'react';
import { OutcomeBadge } from '../components/Badges.js';
import { Dialog } from '../components/Dialog.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { useT } from '../i18n/i18n.js';
import { batchProgress, pastedUrls, useBatch, type BatchLine } from '../state/batch.js';
import { useCases } from '../state/cases.js';
import { useDialogs } from '../state/dialogs.js';
import { hrefOf } from '../state/router.js';
import { useSellers } from '../state/sellers.js';
import { drop } from '../util/drop.js';
import { CaseSelect } from '../components/CaseSelect.js';

export function CaptureDialog() {
  const t = useT();
  const close = useDialogs((s) => s.close);
  const cases = useCases((s) => s.cases);
  const { lines, running, cancelling, cancelled, start, cancel } = useBatch();
  const [text, setText] = useState('');
  // The case chosen in the sidebar is where new captures most likely belong.
  const [caseId, setCaseId] = useState(useSellers.getState().caseId ?? '');
  const [note, setNote] = useState('');
  // A batch still running when the dialog was closed shows again; a finished one is forgotten.
  useEffect(() => useBatch.getState().reset(), []);
  const urls = pastedUrls(text);
  // The case's id: a name typed here could otherwise make a new case.
  const caseRef = cases.find((c) => c.id === caseId)?.id;
  return (
    <Dialog title={t.captureDialog.title} onClose={close} wide>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (urls.length === 0) return;
          drop(start(urls, { ...(caseRef ? { caseRef } : {}), ...(note.trim() ? { note: note.trim() } : {}) }));
        }}
      >
        <label>
          <span>{t.captureDialog.urls}</span>
          <textarea name="urls" rows={5} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} className="mono" autoFocus disabled={running} />
        </label>
        <div className="row">
          <CaseSelect label={t.captureDialog.case} none={t.captureDialog.noCase} value={caseId} onChange={setCaseId} disabled={running} />
          <label className="grow">
            <span>{t.captureDialog.note}</span>
            <input type="text" name="note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} disabled={running} />
          </label>
        </div>
        {text.trim() === '' && text !== '' ? <p className="bad-text small-text">{t.captureDialog.noUrls}</p> : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={running || urls.length === 0}>
            {t.captureDialog.start}
          </button>
          {running ? (
            <button type="button" onClick={cancel} disabled={cancelling}>
              {t.captureDialog.cancel}
            </button>
          ) : null}
          <button type="button" onClick={close}>
            {t.common.close}
          </button>
        </div>
      </form>
      {lines.length > 0 ? <BatchOutcomes lines={lines} running={running} cancelling={cancelling} cancelled={cancelled} onOpen={close} /> : null}
    </Dialog>
  );
}

function BatchOutcomes({ lines, running, cancelling, cancelled, onOpen }: { lines: BatchLine[]; running: boolean; cancelling: boolean; cancelled: boolean; onOpen(): void }) {
  const t = useT();
  const c = t.captureDialog;
  const sellers = useSellers((s) => s.sellers);
  const nameOf = new Map(sellers.map((s) => [s.id, `${s.marketplace}:${s.sellerKey}${s.displayName ? ` (${s.displayName})` : ''}`]));
  const p = batchProgress(lines);
  return (
    <section className="capture-outcomes" aria-label={c.progressLabel}>
      <div className="batch-progress">
        <ProgressBar label={c.progressLabel} value={p.finished} max={p.total} />
        <span className="batch-count">{c.progress(p.finished, p.total)}</span>
      </div>
      {running ? (
        <p className="progress" role="status">
          {cancelling ? c.cancelling : c.running}
        </p>
      ) : cancelled ? (
        <p className="verdict warn" role="status">
          {c.cancelled(p.finished, p.total)}
        </p>
      ) : (
        <p className={p.captured > 0 ? 'good-text' : 'bad-text'} role="status">
          {c.done(p.captured)}
          {p.refused > 0 ? ` ${c.refusedCount(p.refused)}` : ''}
        </p>
      )}
      <table className="dense">
        <thead>
          <tr>
            <th className="address">{c.url}</th>
            <th>{c.outcome}</th>
            <th className="num">HTTP</th>
            <th>{c.filed}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i} data-state={l.state}>
              <td className="wrap">
                <code className="url">{l.url}</code>
              </td>
              {l.state === 'refused' ? (
                // The API's own words, across the row: nothing was captured, so nothing else to show.
                <td colSpan={4} className="wrap">
                  <span className="badge outcome-bad">{c.refused}</span> <span className="bad-text small-text refusal">{l.message}</span>
                </td>
              ) : (
                <>
                  <td>
                    {l.state === 'captured' ? (
                      <OutcomeBadge outcome={l.line.outcome} />
                    ) : (
                      <span className={`muted small-text ${l.state === 'capturing' ? 'progress' : ''}`}>{l.state === 'capturing' ? c.capturing : l.state === 'waiting' ? c.waiting : c.skipped}</span>
                    )}
                  </td>
                  <td className="num">{l.state === 'captured' ? (l.line.httpStatus ?? '—') : ''}</td>
                  <td>
                    {l.state !== 'captured' ? null : l.line.filing.sellerId ? (
                      <a href={hrefOf({ page: 'seller', id: l.line.filing.sellerId })} onClick={onOpen}>
                        {nameOf.get(l.line.filing.sellerId) ?? l.line.filing.sellerId}
                      </a>
                    ) : (
                      <span className="muted">{c.notFiled}</span>
                    )}
                  </td>
                  <td>
                    {l.state === 'captured' ? (
                      <a className="button-link small" href={hrefOf({ page: 'capture', id: l.line.id })} onClick={onOpen}>
                        {c.open}
                      </a>
                    ) : null}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
