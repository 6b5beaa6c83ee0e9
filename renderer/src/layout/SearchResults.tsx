import { Fragment } from 'react';
import type { SearchHit } from '../api/types.js';
import { OutcomeBadge } from '../components/Badges.js';
import { useT } from '../i18n/i18n.js';
import { hrefOf } from '../state/router.js';
import { useSearch } from '../state/search.js';
import { sellerLabel, utc } from '../util/format.js';

export function SearchResults() {
  const t = useT();
  const { result, running, error, clear } = useSearch();
  if (!result && !running && !error) return null;
  return (
    <div className="search-results" role="region" aria-label={t.topbar.searchLabel}>
      <div className="search-results-head">
        <span>{running ? t.search.searching : error ? <span className="bad-text">{error}</span> : result ? t.search.results(result.hits.length, result.more) : null}</span>
        <button type="button" className="link-button" onClick={clear}>
          {t.search.close}
        </button>
      </div>
      {result && result.hits.length > 0 ? (
        <ol className="search-hits">
          {result.hits.map((h) => (
            <li key={h.captureId}>
              <a href={hrefOf({ page: 'capture', id: h.captureId })} onClick={clear}>
                <Hit hit={h} unfiled={t.search.unfiled} />
              </a>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

function Hit({ hit, unfiled }: { hit: SearchHit; unfiled: string }) {
  return (
    <>
      <span className="hit-title">{hit.listing?.title ?? hit.url}</span>
      <span className="hit-meta">
        <code className="hash">{hit.seller ? sellerLabel(hit.seller) : unfiled}</code> · {utc(hit.startedAt)} · <OutcomeBadge outcome={hit.outcome} />
      </span>
      <span className="hit-snippet">
        <Snippet text={hit.snippet} />
      </span>
    </>
  );
}

/** The search marks matches with [brackets]: show them highlighted, as text (never as HTML). */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/\[([^\]]*)\]/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>{i % 2 === 1 ? <mark>{p}</mark> : p}</Fragment>
      ))}
    </>
  );
}
