import { useT } from '../i18n/i18n.js';
import { useCases } from '../state/cases.js';
import { useSellers } from '../state/sellers.js';
import { useSession } from '../state/session.js';

export function HomePage() {
  const t = useT();
  const settings = useSession((s) => s.settings);
  const sellers = useSellers((s) => s.sellers.length);
  const cases = useCases((s) => s.cases.length);
  return (
    <div className="page home">
      <h1>{t.home.title}</h1>
      <p className="muted">{t.home.intro}</p>
      <dl className="facts">
        <dt>{t.home.investigator}</dt>
        <dd>{settings?.investigator || <span className="muted">{t.home.notSet}</span>}</dd>
        <dt>{t.home.organisation}</dt>
        <dd>{settings?.organisation || <span className="muted">{t.home.notSet}</span>}</dd>
        <dt>{t.sidebar.cases}</dt>
        <dd>{cases}</dd>
        <dt>{t.sidebar.sellers}</dt>
        <dd>{sellers}</dd>
      </dl>
    </div>
  );
}
