import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { initialLang, useI18n } from './i18n/i18n.js';
import './styles.css';
import './screens.css';

useI18n.getState().setLang(initialLang());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
