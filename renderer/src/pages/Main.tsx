import { onHub } from '../api/transport.js';
import { useRouter } from '../state/router.js';
import { HubHomePage, NotOnHub } from './hub/HubHomePage.js';
import { BrowserPage } from './browser/BrowserPage.js';
import { CapturePage } from './capture/CapturePage.js';
import { DashboardPage } from './DashboardPage.js';
import { AttentionPage } from './AttentionPage.js';
import { SellerPage } from './seller/SellerPage.js';
import { SettingsPage } from './settings/SettingsPage.js';
import { ListingPage } from './listing/ListingPage.js';
import { TakedownsPage } from './takedowns/TakedownsPage.js';
import { WatchPage } from './watch/WatchPage.js';
import { DossiersPage } from './dossiers/DossiersPage.js';
import { CasePage } from './case/CasePage.js';
import { UnfiledPage } from './case/UnfiledPage.js';
import { TriagePage } from './triage/TriagePage.js';
import { LinksPage } from './links/LinksPage.js';
import { OperatorPage } from './links/OperatorPage.js';

export function Main() {
  return (
    <main className="main" id="main" tabIndex={-1}>
      <Page />
    </main>
  );
}

function Page() {
  const route = useRouter((s) => s.route);
  if (onHub()) {
    // The team hub's screens: its evidence, read-only.
    if (route.page === 'seller') return <SellerPage id={route.id} />;
    if (route.page === 'capture') return <CapturePage id={route.id} />;
    if (route.page === 'case') return <CasePage id={route.id} />;
    if (route.page === 'listing') return <ListingPage id={route.id} />;
    if (route.page === 'home') return <HubHomePage />;
    return <NotOnHub />;
  }
  switch (route.page) {
    case 'seller':
      return <SellerPage id={route.id} />;
    case 'capture':
      return <CapturePage id={route.id} />;
    case 'listing':
      return <ListingPage id={route.id} />;
    case 'settings':
      return <SettingsPage />;
    case 'watch':
      return <WatchPage />;
    case 'takedowns':
      return <TakedownsPage />;
    case 'browser':
      return <BrowserPage />;
    case 'triage':
      return <TriagePage />;
    case 'attention':
      return <AttentionPage id={route.id} />;
    case 'dossiers':
      return <DossiersPage />;
    case 'home':
      return <DashboardPage />;
    case 'case':
      return <CasePage id={route.id} />;
    case 'unfiled':
      return <UnfiledPage />;
    case 'links':
      return <LinksPage />;
    case 'operator':
      return <OperatorPage id={route.id} />;
  }
}
