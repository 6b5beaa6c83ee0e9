import { useState } from 'react';
import { useT } from '../i18n/i18n.js';
import { useSearch } from '../state/search.js';
import { drop } from '../util/drop.js';
import { SearchResults } from './SearchResults.js';
import { SEARCH_INPUT_ID } from './shortcuts.js';

export function SearchBox() {
  const t = useT();
  const [text, setText] = useState('');
  const { run, clear } = useSearch();
  return (
    <div className="search">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) drop(run(text.trim()));
          else clear();
        }}
      >
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          aria-label={t.topbar.searchLabel}
          placeholder={t.topbar.searchPlaceholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') clear();
          }}
        />
      </form>
      <SearchResults />
    </div>
  );
}
