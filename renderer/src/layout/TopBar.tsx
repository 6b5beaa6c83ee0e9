import { hubName } from '../api/transport.js';
import { useT } from '../i18n/i18n.js';
import { useHub } from '../state/hub.js';
import { batchProgress, useBatch } from '../state/batch.js';
import { useDialogs } from '../state/dialogs.js';
import { useRecapture } from '../state/recapture.js';
import { navigate, useRouter } from '../state/router.js';
import { useSession } from '../state/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { SearchBox } from './SearchBox.js';

export function TopBar() {
  const t = useT();
  const show = useDialogs((s) => s.show);
  const investigator = useSession((s) => s.settings?.investigator);
  // A batch keeps going when its dialog is closed: say so, and reopen it on a click.
  const running = useBatch((s) => s.running);
  const lines = useBatch((s) => s.lines);
  const batch = running ? batchProgress(lines) : null;
  const onSettings = useRouter((s) => s.route.page === 'settings');
  const onBrowser = useRouter((s) => s.route.page === 'browser');
  // A re-capture run goes on in the background: say so, and show it on a click.
  const recapture = useRecapture((s) => s.status?.running ?? null);
  const searching = useRecapture((s) => s.status?.monitors.run ?? null);
  const hub = hubName();
  const session = useHub((s) => s.session);
  if (hub !== null) {
    // The team hub is read-only: no capture, verify or settings here; whose hub it is, and who is signed in.
    return (
      <header className="topbar">
        <a className="brand" href="#/">
          Exhibit
        </a>
        <span className="hub-name">{t.hubApp.brand(hub)}</span>
        <SearchBox />
        <div className="topbar-actions">
          {session ? (
            <span className="who hub-user" data-testid="hub-user" title={`${t.hubApp.signedIn(session.user)} (${t.hubApp.roles[session.role] ?? session.role})`}>
              {t.hubApp.signedIn(session.user)} ({t.hubApp.roles[session.role] ?? session.role})
            </span>
          ) : null}
          <LanguageSwitch />
        </div>
      </header>
    );
  }
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        Exhibit
      </a>
      <SearchBox />
      <div className="topbar-actions">
        <button type="button" aria-current={onBrowser ? 'page' : undefined} onClick={() => navigate({ page: 'browser' })}>
          {t.browserPage.title}
        </button>
        <button type="button" className="primary" onClick={() => show({ kind: 'capture' })}>
          {t.topbar.capture}
        </button>
        {batch ? (
          <button type="button" className="small batch-chip" onClick={() => show({ kind: 'capture' })}>
            {t.topbar.batchRunning(batch.finished, batch.total)}
          </button>
        ) : null}
        {recapture ? (
          <button type="button" className="small batch-chip" onClick={() => navigate({ page: 'watch' })}>
            {t.topbar.recapturing(recapture.done, recapture.total)}
          </button>
        ) : null}
        {searching ? (
          <button type="button" className="small batch-chip" onClick={() => navigate({ page: 'watch' })}>
            {t.topbar.searching(searching.current?.done ?? 0, searching.current?.total ?? 0)}
          </button>
        ) : null}
        <button type="button" onClick={() => show({ kind: 'verify-workspace' })}>
          {t.topbar.verify}
        </button>
        <button type="button" aria-current={onSettings ? 'page' : undefined} onClick={() => navigate({ page: 'settings' })}>
          {t.topbar.settings}
        </button>
        {investigator ? <span className="who" title={t.topbar.preparedBy(investigator)}>
            {t.topbar.preparedBy(investigator)}
          </span> : null}
        <LanguageSwitch />
      </div>
    </header>
  );
}
