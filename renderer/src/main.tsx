import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { adoptServeToken } from './api/transport.js';
import { App } from './App.js';
import { initialLang, useI18n } from './i18n/i18n.js';
import './styles.css';
import './screens.css';
import './finish.css';
import './tables.css';
import './cases.css';

// Before anything calls the API, and before the router reads the address.
adoptServeToken();
useI18n.getState().setLang(initialLang());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
