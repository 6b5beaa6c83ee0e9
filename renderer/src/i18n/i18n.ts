import { create } from 'zustand';
import { en, type Strings } from './en.js';
import { fr } from './fr.js';

export type Lang = 'en' | 'fr';

const STRINGS: Record<Lang, Strings> = { en, fr };

const LANG_KEY = 'exhibit.lang';

/** The language chosen before (kept across reloads), else French for a French browser, English otherwise. */
export function initialLang(languages: readonly string[] = navigator.languages ?? [navigator.language]): Lang {
  const kept = storedLang();
  if (kept) return kept;
  return languages[0]?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'en' || v === 'fr' ? v : null;
  } catch {
    return null;
  }
}

function keepLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Storage refused (a private mode): the choice lasts as long as this page.
  }
}

interface I18nState {
  lang: Lang;
  t: Strings;
  setLang(lang: Lang): void;
}

export const useI18n = create<I18nState>((set) => ({
  lang: 'en',
  t: en,
  setLang: (lang) => {
    document.documentElement.lang = lang;
    keepLang(lang);
    set({ lang, t: STRINGS[lang] });
  },
}));

/** The current language's strings. */
export const useT = (): Strings => useI18n((s) => s.t);
