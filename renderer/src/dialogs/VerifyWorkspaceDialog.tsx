import { useEffect, useRef } from 'react';
import { call } from '../api/transport.js';
import type { VerifyJobProgress, VerifyReport } from '../api/types.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { useJob } from '../components/useJob.js';
import { useT } from '../i18n/i18n.js';
import { useDialogs } from '../state/dialogs.js';

const verifyOps = { status: () => call('verify.status', {}), cancel: () => call('verify.cancel', {}) };

/** Runs at once: opening it is asking for it (or following the run already going). */
export function VerifyWorkspaceDialog() {
  const t = useT();
  const close = useDialogs((s) => s.close);
  const job = useJob(verifyOps);
  const asked = useRef(false);
  const { loaded, running, start } = job;
  useEffect(() => {
    if (!loaded || asked.current) return;
    asked.current = true;
    if (!running) start(() => call('verify.start', {}));
  }, [loaded, running, start]);
  const busy = !loaded || job.starting || running !== null;
  const outcome = job.last?.outcome;
  return (
    <Dialog title={t.verifyDialog.title} onClose={close} wide>
      {busy ? <VerifyRunning progress={running?.progress ?? null} cancelling={job.cancelling} canCancel={running !== null || job.starting} onCancel={job.cancel} /> : null}
      {job.error ? <ErrorNote message={job.error.message} /> : null}
      {!busy && outcome?.kind === 'failed' ? <ErrorNote message={outcome.message} /> : null}
      {!busy && outcome?.kind === 'done' ? <VerifyResult report={outcome.value} /> : null}
      {!busy && outcome?.kind === 'cancelled' ? <VerifyResult report={outcome.partial} /> : null}
      <div className="form-actions">
        <button type="button" onClick={() => start(() => call('verify.start', {}))} disabled={busy}>
          {t.verifyDialog.again}
        </button>
        <button type="button" onClick={close}>
          {t.common.close}
        </button>
      </div>
    </Dialog>
  );
}

function VerifyRunning({ progress, cancelling, canCancel, onCancel }: { progress: VerifyJobProgress | null; cancelling: boolean; canCancel: boolean; onCancel(): void }) {
  const t = useT();
  const c = progress?.captures ?? null;
  const o = progress?.objects ?? null;
  const total = (c?.total ?? 0) + (o?.total ?? 0);
  const done = (c?.done ?? 0) + (o?.done ?? 0);
  return (
    <div className="verify-running">
      <div className="batch-progress">
        <ProgressBar label={t.verifyDialog.progressLabel} {...(total > 0 ? { value: done, max: total } : {})} />
        <button type="button" className="small" onClick={onCancel} disabled={!canCancel || cancelling}>
          {cancelling ? t.longWork.cancelling : t.longWork.cancel}
        </button>
      </div>
      <p className="muted" role="status">
        {t.verifyDialog.running}
      </p>
      <p className="muted small-text long-work-text">{t.longWork.verifyProgress(c, o)}</p>
    </div>
  );
}

function VerifyResult({ report }: { report: VerifyReport | null }) {
  const t = useT();
  if (!report) return <p className="verdict warn" role="status">{t.longWork.verifyCancelled}</p>;
  return (
    <div className="verify-result">
      {report.cancelled ? (
        <p className="verdict warn" role="status">
          {t.longWork.verifyCancelled}
          {report.problems.length > 0 ? ` ${t.longWork.verifyCancelledFound(report.problems.length)}` : ''}
        </p>
      ) : report.ok ? (
        <p className="verdict good" role="status">
          {t.verifyDialog.ok}
        </p>
      ) : (
        <p className="verdict bad" role="alert">
          {t.verifyDialog.problems(report.problems.length)}
        </p>
      )}
      {/* Counted over the whole workspace: for a run cut short, the notice says how much was checked. */}
      {report.cancelled ? null : <p className="muted small-text">{t.verifyDialog.counts(report.counts)}</p>}
      {report.problems.length > 0 ? (
        <table className="dense problems">
          <thead>
            <tr>
              <th>{t.verifyDialog.area}</th>
              <th>{t.verifyDialog.where}</th>
              <th>{t.verifyDialog.problem}</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p, i) => (
              <tr key={i}>
                <td className="nowrap">{p.area}</td>
                <td>
                  <code className="details">{p.where}</code>
                </td>
                <td className="bad-text wrap">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {report.notices.length > 0 ? (
        <ul className="plain muted small-text">
          {report.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
