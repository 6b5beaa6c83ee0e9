import { useMemo } from 'react';
import { browserPanel } from '../../api/browser-panel.js';
import { BrowserPanelView } from './BrowserPanelView.js';
import { DesktopOnly } from './DesktopOnly.js';

/** The investigator's own browser, in the desktop app; under `exhibit serve`, a plain word that it is not here, and what to do instead. */
export function BrowserPage() {
  const panel = useMemo(() => browserPanel(), []);
  return panel ? <BrowserPanelView panel={panel} /> : <DesktopOnly />;
}
