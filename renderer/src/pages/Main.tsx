import { useRouter } from '../state/router.js';
import { CapturePage } from './capture/CapturePage.js';
import { HomePage } from './HomePage.js';
import { SellerPage } from './seller/SellerPage.js';
import { SettingsPage } from './settings/SettingsPage.js';

export function Main() {
  const route = useRouter((s) => s.route);
  return (
    <main className="main" id="main">
      {route.page === 'seller' ? <SellerPage id={route.id} /> : route.page === 'capture' ? <CapturePage id={route.id} /> : route.page === 'settings' ? <SettingsPage /> : <HomePage />}
    </main>
  );
}
