import type { ApiOutputs } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { utc } from '../../util/format.js';

type Claim = NonNullable<ApiOutputs['cases.get']['hubMembers']>[number];

/**
 * On the team hub: what each workspace put in the case, when, and who pushed
 * it; a member removed in its workspace stays listed, marked removed.
 */
export function HubCaseClaims({ claims }: { claims: readonly Claim[] }) {
  const t = useT();
  const c = t.casePage.hubClaims;
  const workspaces = [...new Map(claims.map((m) => [m.workspace, m])).values()];
  return (
    <section className="card hub-case-claims" aria-label={c.title}>
      <h2>
        {c.title} <span className="count">{claims.length}</span>
      </h2>
      <p className="muted small-text">{c.intro}</p>
      {workspaces.length > 0 ? (
        <ul className="hub-case-workspaces small-text">
          {workspaces.map((w) => (
            <li key={w.workspace} data-workspace={w.workspace}>
              {c.workspace(w.investigator, w.caseName)}
            </li>
          ))}
        </ul>
      ) : null}
      {claims.length === 0 ? (
        <p className="muted">{c.none}</p>
      ) : (
        <table className="dense hub-case-members">
          <thead>
            <tr>
              <th>{c.member}</th>
              <th>{c.by}</th>
              <th>{c.added}</th>
              <th>{c.removed}</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((m, i) => (
              <tr key={`${m.workspace}-${m.kind}-${m.memberId}-${i}`} data-member={m.label} className={m.removedAt ? 'removed' : undefined}>
                <td>
                  {m.kind === 'listing' ? (
                    <code className="hash">{m.label}</code>
                  ) : (
                    <a href={hrefOf({ page: m.kind, id: m.memberId })}>
                      <code className="hash">{m.label}</code>
                    </a>
                  )}
                  <div className="muted small-text">{c.what(m.kind, m.how)}</div>
                </td>
                <td className="pushed-by">
                  {m.investigator}
                  <div className="muted small-text">{c.pushedBy(m.addedBy)}</div>
                </td>
                <td className="nowrap">{utc(m.addedAt)}</td>
                <td className="nowrap">
                  {m.removedAt ? (
                    <>
                      <span className="badge outcome-warn">{c.removedWord}</span>
                      <div className="muted small-text">{utc(m.removedAt)}</div>
                      <div className="muted small-text">{c.pushedBy(m.removedBy ?? '')}</div>
                    </>
                  ) : (
                    <span className="muted small-text">{c.held}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
