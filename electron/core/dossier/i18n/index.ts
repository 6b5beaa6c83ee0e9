import { en } from './en.js';
import { fr } from './fr.js';
import type { DossierStrings } from './strings.js';

export type { DossierStrings } from './strings.js';
export const LANGUAGES = { en, fr } as const;
export type DossierLang = keyof typeof LANGUAGES;

export function stringsFor(lang: DossierLang): DossierStrings {
  return LANGUAGES[lang];
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));
}
