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
              <th>{c.how}</th>
              <th>{c.by}</th>
              <th>{c.added}</th>
              <th>{c.removed}</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((m, i) => (
              <tr key={`${m.workspace}-${m.kind}-${m.memberId}-${i}`} data-member={m.label} className={m.removedAt ? 'removed' : undefined}>
                <td className="wrap">
                  <span className="muted small-text">{c.kinds[m.kind]}</span>{' '}
                  {m.kind === 'seller' ? (
                    <a href={hrefOf({ page: 'seller', id: m.memberId })}>
                      <code className="hash">{m.label}</code>
                    </a>
                  ) : m.kind === 'capture' ? (
                    <a href={hrefOf({ page: 'capture', id: m.memberId })}>
                      <code className="hash">{m.label}</code>
                    </a>
                  ) : (
                    <code className="hash">{m.label}</code>
                  )}
                </td>
                <td className="nowrap small-text">{c.ways[m.how]}</td>
                <td className="wrap pushed-by">{c.claimedBy(m.investigator, m.addedBy)}</td>
                <td className="nowrap">{utc(m.addedAt)}</td>
                <td className="wrap">{m.removedAt ? <span className="badge outcome-warn">{c.removedBy(utc(m.removedAt), m.removedBy ?? '')}</span> : <span className="muted small-text">{c.held}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
