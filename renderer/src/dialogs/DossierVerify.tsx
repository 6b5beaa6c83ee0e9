import { call } from '../api/transport.js';
import type { DossierVerifyReport } from '../api/types.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useOperation } from '../components/useAsync.js';
import { useT } from '../i18n/i18n.js';

/** Reads the PDF back and checks every exhibit against what was captured. */
export function DossierVerify({ dossierId }: { dossierId: string }) {
  const t = useT();
  const d = t.dossierDialog;
  const [op, start] = useOperation<'verify.dossier'>();
  return (
    <div className="dossier-verify">
      <button type="button" onClick={() => start(() => call('verify.dossier', { dossierId }))} disabled={op.state === 'running'}>
        {d.verify}
      </button>
      {op.state === 'running' ? <p className="progress" role="status">{d.verifying}</p> : null}
      {op.state === 'failed' ? <ErrorNote message={op.error.message} /> : null}
      {op.state === 'done' ? <Verdicts report={op.value} /> : null}
    </div>
  );
}

function Verdicts({ report }: { report: DossierVerifyReport }) {
  const t = useT();
  const d = t.dossierDialog;
  return (
    <>
      <p className={`verdict ${report.ok ? 'good' : 'bad'}`} role={report.ok ? 'status' : 'alert'}>
        {report.ok ? d.verifiedOk : d.verifiedBad}
      </p>
      <table className="dense exhibits">
        <thead>
          <tr>
            <th>{d.exhibit}</th>
            <th>{d.capture}</th>
            <th>{d.result}</th>
          </tr>
        </thead>
        <tbody>
          {report.exhibits.map((x) => (
            <tr key={x.number} data-exhibit={x.number}>
              <td className="nowrap">{x.number}</td>
              <td>
                <code className="hash">{x.captureId}</code>
              </td>
              <td className={x.ok ? 'good-text' : 'bad-text'}>
                {x.ok ? d.exhibitOk : d.exhibitAltered}
                {x.problems.length > 0 ? (
                  <ul className="plain small-text">
                    {x.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.problems.length > 0 ? (
        <ul className="plain bad-text small-text">
          {report.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
