import { useT } from '../i18n/i18n.js';
import { useCases } from '../state/cases.js';
import { useDialogs } from '../state/dialogs.js';
import { navigate, useRouter } from '../state/router.js';
import { useSellers } from '../state/sellers.js';
import { drop } from '../util/drop.js';

export function CaseList() {
  const t = useT();
  const { cases, error } = useCases();
  const caseId = useSellers((s) => s.caseId);
  const setCase = useSellers((s) => s.setCase);
  const show = useDialogs((s) => s.show);
  const chosen = cases.find((c) => c.id === caseId);
  const onCase = useRouter((s) => (s.route.page === 'case' ? s.route.id : null));
  return (
    <section className="side-section cases" aria-label={t.sidebar.cases}>
      <header className="side-head">
        <h2>{t.sidebar.cases}</h2>
        <button type="button" className="small" onClick={() => show({ kind: 'new-case' })}>
          + {t.sidebar.newCase}
        </button>
      </header>
      {error ? <p className="bad-text small-text">{error}</p> : null}
      <ul className="case-list">
        <li>
          <button type="button" className={`case-item ${caseId === null ? 'on' : ''}`} aria-pressed={caseId === null} onClick={() => drop(setCase(null))}>
            <span>{t.sidebar.allSellers}</span>
          </button>
        </li>
        {cases.map((c) => (
          <li key={c.id}>
            {/* Narrows the sellers below to the case's, and opens the case's page. */}
            <button
              type="button"
              className={`case-item ${caseId === c.id ? 'on' : ''}`}
              aria-pressed={caseId === c.id}
              aria-current={onCase === c.id ? 'page' : undefined}
              onClick={() => {
                drop(setCase(c.id));
                navigate({ page: 'case', id: c.id });
              }}
              title={[c.reference, t.sidebar.caseCaptures(c.captures)].filter(Boolean).join(' · ')}
            >
              <span className="case-name">{c.name}</span>
              <span className="count">{c.captures}</span>
            </button>
          </li>
        ))}
      </ul>
      {chosen ? (
        <div className="case-actions">
          <button type="button" className="small" onClick={() => show({ kind: 'dossier', selection: { kind: 'case', ref: chosen.id }, label: t.dossierDialog.ofCase(chosen.name) })}>
            {t.sidebar.caseDossier}
          </button>
        </div>
      ) : null}
    </section>
  );
}
