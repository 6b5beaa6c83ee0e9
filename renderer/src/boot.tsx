import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { initialLang, useI18n } from './i18n/i18n.js';
import './styles.css';
import './screens.css';
import './finish.css';
import './tables.css';
import './cases.css';
import './fit.css';

/** The app itself, loaded once main.tsx has asked for what the first screen needs. */
export function boot(): void {
  useI18n.getState().setLang(initialLang());
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
