/**
 * Words counterfeit sellers use to say what they sell without saying it, in
 * the languages Exhibit's investigators meet most. Latin-script words match
 * on word boundaries, case- and accent-insensitively; Chinese ones as
 * substrings (Chinese has no spaces between words).
 */
export const REPLICA_WORDS: Record<'en' | 'fr' | 'de' | 'it' | 'es' | 'zh', readonly string[]> = {
  en: ['replica', 'replicas', 'aaa', 'aaa+', '1:1', 'mirror quality', 'mirror image quality', 'inspired by', 'dupe', 'dupes', 'fake', 'copy', 'knockoff', 'knock-off', 'unbranded original', 'top quality copy', 'high copy', 'same as original', 'oem quality'],
  fr: ['réplique', 'répliques', 'copie', 'contrefaçon', 'imitation', 'inspiré de', 'inspirée de', 'qualité miroir', 'style de'],
  de: ['replik', 'repliken', 'nachbildung', 'kopie', 'fälschung', 'imitat', 'inspiriert von', 'spiegelqualität', 'nachbau'],
  it: ['replica', 'repliche', 'copia', 'falso', 'imitazione', 'ispirato a', 'ispirata a', 'qualità specchio'],
  es: ['réplica', 'réplicas', 'copia', 'falsificación', 'imitación', 'inspirado en', 'inspirada en', 'calidad espejo'],
  zh: ['高仿', '仿品', '复刻', '原单', '一比一', '1比1', '精仿', 'A货', '超A', '同款', '尾单'],
};

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Matcher {
  word: string;
  test: (folded: string, raw: string) => boolean;
}

const MATCHERS: Matcher[] = (() => {
  const seen = new Set<string>();
  const out: Matcher[] = [];
  for (const [lang, words] of Object.entries(REPLICA_WORDS)) {
    for (const word of words) {
      // "réplica" folds to "replica": one match, named by the first word listed.
      if (seen.has(fold(word))) continue;
      seen.add(fold(word));
      if (lang === 'zh') {
        const lower = word.toLowerCase();
        out.push({ word, test: (_f, raw) => raw.toLowerCase().includes(lower) });
      } else {
        const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(fold(word))}(?![\\p{L}\\p{N}+])`, 'u');
        out.push({ word, test: (folded) => re.test(folded) });
      }
    }
  }
  return out;
})();

/** The replica words in a text, as listed above, in list order, once each. */
export function replicaWordsIn(text: string): string[] {
  if (!text) return [];
  const folded = fold(text);
  return MATCHERS.filter((m) => m.test(folded, text)).map((m) => m.word);
}
