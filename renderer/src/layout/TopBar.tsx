import { useT } from '../i18n/i18n.js';
import { useDialogs } from '../state/dialogs.js';
import { useSession } from '../state/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { SearchBox } from './SearchBox.js';

export function TopBar() {
  const t = useT();
  const show = useDialogs((s) => s.show);
  const investigator = useSession((s) => s.settings?.investigator);
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
        {investigator ? <span className="who">{t.topbar.preparedBy(investigator)}</span> : null}
        <LanguageSwitch />
      </div>
    </header>
  );
}
