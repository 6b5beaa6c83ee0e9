import { adoptServeToken } from './api/transport.js';
import { useDashboard } from './state/dashboard.js';
import { drop } from './util/drop.js';

// Before anything calls the API, and before the router reads the address.
adoptServeToken();
// Home's counts are the first screen's slowest read, and the side bar shows one of them on every screen: asked for
// before the rest of the app is loaded, they are answered first (the workspace answers reads in turn) while it loads.
drop(useDashboard.getState().load());
drop(import('./boot.js').then((app) => app.boot()));
