import { create } from 'zustand';
import { en, type Strings } from './en.js';
import { fr } from './fr.js';

export type Lang = 'en' | 'fr';

const STRINGS: Record<Lang, Strings> = { en, fr };

/** French for a French browser, English otherwise. */
export function initialLang(languages: readonly string[] = navigator.languages ?? [navigator.language]): Lang {
  return languages[0]?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
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
    set({ lang, t: STRINGS[lang] });
  },
}));

/** The current language's strings. */
export const useT = (): Strings => useI18n((s) => s.t);
