import { useEffect } from 'react';
import { call } from '../api/transport.js';
import type { VerifyReport } from '../api/types.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { useOperation } from '../components/useAsync.js';
import { useT } from '../i18n/i18n.js';
import { useDialogs } from '../state/dialogs.js';

/** Runs at once: opening it is asking for it. */
export function VerifyWorkspaceDialog() {
  const t = useT();
  const close = useDialogs((s) => s.close);
  const [op, start] = useOperation<'verify.workspace'>();
  const verify = () => start(() => call('verify.workspace', {}));
  useEffect(() => start(() => call('verify.workspace', {})), [start]);
  const busy = op.state === 'running' || op.state === 'idle';
  return (
    <Dialog title={t.verifyDialog.title} onClose={close} wide>
      {busy ? (
        <div className="verify-running">
          <ProgressBar label={t.verifyDialog.progressLabel} />
          <p className="muted" role="status">
            {t.verifyDialog.running}
          </p>
        </div>
      ) : null}
      {op.state === 'failed' ? <ErrorNote message={op.error.message} /> : null}
      {op.state === 'done' ? <VerifyResult report={op.value} /> : null}
      <div className="form-actions">
        <button type="button" onClick={verify} disabled={busy}>
          {t.verifyDialog.again}
        </button>
        <button type="button" onClick={close}>
          {t.common.close}
        </button>
      </div>
    </Dialog>
  );
}

function VerifyResult({ report }: { report: VerifyReport }) {
  const t = useT();
  return (
    <div className="verify-result">
      {report.ok ? (
        <p className="verdict good" role="status">
          {t.verifyDialog.ok}
        </p>
      ) : (
        <p className="verdict bad" role="alert">
          {t.verifyDialog.problems(report.problems.length)}
        </p>
      )}
      <p className="muted small-text">{t.verifyDialog.counts(report.counts)}</p>
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
