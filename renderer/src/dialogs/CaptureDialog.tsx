import { useEffect, useState } from 'react';
import { OutcomeBadge } from '../components/Badges.js';
import { Dialog } from '../components/Dialog.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { useT } from '../i18n/i18n.js';
import { batchSummary, pastedUrls, useBatch, type BatchLine, type BatchSummary } from '../state/batch.js';
import { caseInView } from '../state/case.js';
import { useCases } from '../state/cases.js';
import { useDialogs } from '../state/dialogs.js';
import { hrefOf } from '../state/router.js';
import { useSellers } from '../state/sellers.js';
import { drop } from '../util/drop.js';
import { CaseSelect } from '../components/CaseSelect.js';

const CONCURRENCY = [1, 2, 3, 4] as const;

export function CaptureDialog() {
  const t = useT();
  const close = useDialogs((s) => s.close);
  const cases = useCases((s) => s.cases);
  const { lines, running, cancelling, cancelled, failure, start, cancel } = useBatch();
  const [text, setText] = useState('');
  // The case on screen (or the one the seller list is narrowed to) is where new captures most likely belong.
  const [caseId, setCaseId] = useState(caseInView() ?? '');
  const [note, setNote] = useState('');
  const [concurrency, setConcurrency] = useState(2);
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
          drop(start(urls, { concurrency, ...(caseRef ? { caseRef } : {}), ...(note.trim() ? { note: note.trim() } : {}) }));
        }}
      >
        <label>
          <span>{t.captureDialog.urls}</span>
          <textarea name="urls" rows={5} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} className="mono" autoFocus disabled={running} />
        </label>
        <div className="row">
          <CaseSelect label={t.captureDialog.case} none={t.captureDialog.noCase} value={caseId} onChange={setCaseId} disabled={running} />
          <label>
            <span>{t.batchRun.concurrency}</span>
            <select name="concurrency" value={concurrency} onChange={(e) => setConcurrency(Number(e.target.value))} disabled={running}>
              {CONCURRENCY.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
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
              {t.batchRun.cancel}
            </button>
          ) : null}
          <button type="button" onClick={close}>
            {t.common.close}
          </button>
        </div>
      </form>
      {failure ? (
        <p className="verdict bad" role="alert">
          {t.batchRun.failed}: {failure}
        </p>
      ) : null}
      {lines.length > 0 ? <BatchOutcomes lines={lines} running={running} cancelling={cancelling} cancelled={cancelled} concurrency={Math.min(concurrency, lines.length)} onOpen={close} /> : null}
    </Dialog>
  );
}

const GROUPS = ['complete', 'partial', 'blocked', 'gone', 'error', 'cancelled', 'skipped'] as const;
const GROUP_TONE: Record<(typeof GROUPS)[number], string> = { complete: 'good', partial: 'warn', blocked: 'bad', gone: 'bad', error: 'bad', cancelled: 'warn', skipped: 'muted' };

/** The batch by outcome, each count in its own words and colour: an error is never "captured". */
function Summary({ s }: { s: BatchSummary }) {
  const b = useT().batchRun;
  const shown = GROUPS.filter((g) => s[g] > 0);
  if (shown.length === 0) return null;
  return (
    <ul className="batch-summary" aria-label={b.summaryTitle}>
      {shown.map((g) => (
        <li key={g} className={`batch-${GROUP_TONE[g]}`} data-group={g}>
          {b[g](s[g])}
        </li>
      ))}
    </ul>
  );
}

function BatchOutcomes({ lines, running, cancelling, cancelled, concurrency, onOpen }: { lines: BatchLine[]; running: boolean; cancelling: boolean; cancelled: boolean; concurrency: number; onOpen(): void }) {
  const t = useT();
  const c = t.captureDialog;
  const b = t.batchRun;
  const sellers = useSellers((s) => s.sellers);
  const nameOf = new Map(sellers.map((s) => [s.id, `${s.marketplace}:${s.sellerKey}${s.displayName ? ` (${s.displayName})` : ''}`]));
  const s = batchSummary(lines);
  return (
    <section className="capture-outcomes" aria-label={c.progressLabel}>
      <div className="batch-progress">
        <ProgressBar label={c.progressLabel} value={s.finished} max={s.total} />
        <span className="batch-count">{c.progress(s.finished, s.total)}</span>
      </div>
      <p className={running ? 'progress' : cancelled ? 'verdict warn' : 'verdict'} role="status">
        {running ? (cancelling ? b.cancelling : b.running(concurrency)) : cancelled ? b.cancelledAfter(s.finished, s.total) : b.ended(s.finished, s.total)}
      </p>
      <Summary s={s} />
      <table className="dense">
        <thead>
          <tr>
            <th className="address">{c.url}</th>
            <th>{c.outcome}</th>
            <th className="num">HTTP</th>
            <th>{c.filed}</th>
            <th>
              <span className="visually-hidden">{c.open}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i} data-state={l.state}>
              <td className="wrap">
                <code className="url">{l.url}</code>
              </td>
              {l.state === 'refused' || l.state === 'failed' || l.state === 'cancelled' ? (
                // The API's own words, across the row: nothing was stored, so nothing else to show.
                <td colSpan={4} className="wrap">
                  <span className={`badge ${l.state === 'cancelled' ? 'outcome-warn' : 'outcome-bad'}`}>{l.state === 'refused' ? c.refused : l.state === 'cancelled' ? b.stateCancelled : b.stateFailed}</span>{' '}
                  <span className="bad-text small-text refusal">{l.message}</span>
                </td>
              ) : (
                <>
                  <td>
                    {l.state === 'stored' ? (
                      <>
                        <OutcomeBadge outcome={l.outcome} />
                        {l.partialReasons.includes('cancelled') ? <span className="muted small-text"> {b.cancelledReason}</span> : null}
                      </>
                    ) : (
                      <span className={`muted small-text ${l.state === 'capturing' ? 'progress' : ''}`}>{l.state === 'capturing' ? c.capturing : l.state === 'waiting' ? c.waiting : c.skipped}</span>
                    )}
                  </td>
                  <td className="num">{l.state === 'stored' ? (l.httpStatus ?? '—') : ''}</td>
                  <td>
                    {l.state !== 'stored' ? null : l.filing.sellerId ? (
                      <a href={hrefOf({ page: 'seller', id: l.filing.sellerId })} onClick={onOpen}>
                        {nameOf.get(l.filing.sellerId) ?? l.filing.sellerId}
                      </a>
                    ) : (
                      <span className="muted">{c.notFiled}</span>
                    )}
                  </td>
                  <td>
                    {l.state === 'stored' ? (
                      <a className="button-link small" href={hrefOf({ page: 'capture', id: l.captureId })} onClick={onOpen}>
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
