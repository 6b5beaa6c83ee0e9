import { useEffect } from 'react';
import { onHub, onMenu } from './api/transport.js';
import { Dialogs } from './dialogs/Dialogs.js';
import { useT } from './i18n/i18n.js';
import { Sidebar } from './layout/Sidebar.js';
import { TopBar } from './layout/TopBar.js';
import { installShortcuts } from './layout/shortcuts.js';
import { Main } from './pages/Main.js';
import { useBatch } from './state/batch.js';
import { useCases } from './state/cases.js';
import { useDialogs } from './state/dialogs.js';
import { followRecapture } from './state/recapture.js';
import { navigate, startRouter } from './state/router.js';
import { useSellers } from './state/sellers.js';
import { useSession } from './state/session.js';
import { useHub } from './state/hub.js';
import { drop } from './util/drop.js';

export function App() {
  const t = useT();
  const sessionError = useSession((s) => s.error);
  useEffect(() => {
    const stopRouter = startRouter();
    // The team hub is read-only: nothing runs there to follow.
    if (onHub()) {
      drop(Promise.all([useSession.getState().load(), useHub.getState().load(), useCases.getState().load(), useSellers.getState().load()]));
      return stopRouter;
    }
    drop(Promise.all([useSession.getState().load(), useCases.getState().load(), useSellers.getState().load()]));
    const stopFollowing = followRecapture();
    useBatch.getState().follow();
    return () => {
      stopRouter();
      stopFollowing();
    };
  }, []);
  useEffect(installShortcuts, []);
  useEffect(() => {
    onMenu((command) => {
      if (command === 'capture') useDialogs.getState().show({ kind: 'capture' });
      // "Capture this page" (the menu's shortcut): the page is in the browser screen, where Capture takes it.
      if (command === 'capture-tab') navigate({ page: 'browser' });
    });
  }, []);
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => {
        // The router reads the hash: move focus to the page without navigating.
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t.finish.skipToContent}
      </a>
      <TopBar />
      {sessionError ? (
        <div className="banner" role="alert">
          {sessionError}{' '}
          <button type="button" className="small" onClick={() => drop(useSession.getState().load())}>
            {t.common.tryAgain}
          </button>
        </div>
      ) : null}
      <div className="body">
        <Sidebar />
        <Main />
      </div>
      <Dialogs />
    </div>
  );
}
