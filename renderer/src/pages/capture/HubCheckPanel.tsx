import type { CaptureView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { utc } from '../../util/format.js';

/** On the team hub: who pushed the capture, from which workspace, and whether its signature and time-stamps hold, as the hub checked them now. */
export function HubCheckPanel({ check }: { check: NonNullable<CaptureView['hub']> }) {
  const t = useT();
  const h = t.hubApp;
  return (
    <section className="card hub-check" aria-label={h.origin}>
      <h2>{h.origin}</h2>
      <dl className="facts">
        <dt>{h.pushedBy}</dt>
        <dd data-testid="hub-pushed-by">{check.pushedBy}</dd>
        <dt>{h.investigator}</dt>
        <dd>{check.investigator}</dd>
        <dt>{h.pushedAt}</dt>
        <dd>{utc(check.pushedAt)}</dd>
        <dt>{h.workspaceKey}</dt>
        <dd>
          <code className="hash">{check.workspace}</code>
        </dd>
        <dt>{h.signature}</dt>
        <dd data-testid="hub-signature" className={check.signature === 'valid' ? 'good-text' : 'bad-text'}>
          {check.signature === 'valid' ? h.signatureValid : h.signatureInvalid}
        </dd>
      </dl>
      {check.stampProblems.map((p) => (
        <p key={`${p.authority}-${p.problem}`} className="bad-text small-text">
          {h.stampProblem(p.authority, p.problem)}
        </p>
      ))}
    </section>
  );
}
