import { useI18n, type Lang } from '../i18n/i18n.js';

const LANGS: Lang[] = ['en', 'fr'];

export function LanguageSwitch() {
  const { lang, t, setLang } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t.topbar.language}>
      {LANGS.map((l) => (
        <button key={l} type="button" aria-pressed={lang === l} className={lang === l ? 'on' : ''} onClick={() => setLang(l)} title={l === 'en' ? t.language.enName : t.language.frName}>
          {l === 'en' ? t.language.en : t.language.fr}
        </button>
      ))}
    </div>
  );
}
