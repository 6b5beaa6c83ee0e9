import { onHub } from '../api/transport.js';
import { useT } from '../i18n/i18n.js';
import { useCases } from '../state/cases.js';
import { useDialogs } from '../state/dialogs.js';
import { navigate, useRouter } from '../state/router.js';

/** The workspace's cases (on the team hub, the team's), each opening its page. The seller list below is narrowed to a case apart (SellerList), so opening a case leaves it as it is. */
export function CaseList() {
  const t = useT();
  const { cases, error } = useCases();
  const show = useDialogs((s) => s.show);
  const onCase = useRouter((s) => (s.route.page === 'case' ? s.route.id : null));
  return (
    <section className="side-section cases" aria-label={t.sidebar.cases}>
      <header className="side-head">
        <h2>{t.sidebar.cases}</h2>
        {/* On the team hub, cases come from the workspaces' pushes: none is made there. */}
        {onHub() ? null : (
          <button type="button" className="small" onClick={() => show({ kind: 'new-case' })}>
            + {t.sidebar.newCase}
          </button>
        )}
      </header>
      {error ? <p className="bad-text small-text">{error}</p> : null}
      {cases.length === 0 ? <p className="muted small-text pad">{t.sidebar.noCases}</p> : null}
      <ul className="case-list">
        {cases.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className={`case-item ${onCase === c.id ? 'on' : ''}`}
              aria-current={onCase === c.id ? 'page' : undefined}
              onClick={() => navigate({ page: 'case', id: c.id })}
              title={[c.reference, t.sidebar.caseCaptures(c.captures)].filter(Boolean).join(' · ')}
            >
              <span className="case-name">{c.name}</span>
              <span className="count">{c.captures}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
