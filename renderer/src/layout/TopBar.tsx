import { useT } from '../i18n/i18n.js';
import { useDialogs } from '../state/dialogs.js';
import { navigate, useRouter } from '../state/router.js';
import { useSession } from '../state/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { SearchBox } from './SearchBox.js';

export function TopBar() {
  const t = useT();
  const show = useDialogs((s) => s.show);
  const investigator = useSession((s) => s.settings?.investigator);
  const onSettings = useRouter((s) => s.route.page === 'settings');
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        Exhibit
      </a>
      <SearchBox />
      <div className="topbar-actions">
        <button type="button" className="primary" onClick={() => show({ kind: 'capture' })}>
          {t.topbar.capture}
        </button>
        <button type="button" onClick={() => show({ kind: 'verify-workspace' })}>
          {t.topbar.verify}
        </button>
        <button type="button" aria-current={onSettings ? 'page' : undefined} onClick={() => navigate({ page: 'settings' })}>
          {t.topbar.settings}
        </button>
        {investigator ? <span className="who">{t.topbar.preparedBy(investigator)}</span> : null}
        <LanguageSwitch />
      </div>
    </header>
  );
}
