import { useMemo } from 'react';
import type { SellerSummary } from '../api/types.js';
import { StatusBadge } from '../components/Badges.js';
import { VirtualList } from '../components/VirtualList.js';
import { useT } from '../i18n/i18n.js';
import { hrefOf, useRouter } from '../state/router.js';
import { filterSellers, useSellers } from '../state/sellers.js';
import { useCapture } from '../state/capture.js';
import { sellerLabel } from '../util/format.js';
import { useCases } from '../state/cases.js';
import { drop } from '../util/drop.js';

/** Two lines of 13px text and their padding: keep in step with .seller-row in styles.css. */
const ROW_HEIGHT = 48;

export function SellerList() {
  const t = useT();
  const { sellers, filter, setFilter, error, loading } = useSellers();
  const shown = useMemo(() => filterSellers(sellers, filter), [sellers, filter]);
  const route = useRouter((s) => s.route);
  // On a capture page, the seller it is filed under stays marked.
  const filedUnder = useCapture((s) => s.view?.filing.sellerId ?? null);
  const current = route.page === 'seller' ? route.id : route.page === 'capture' ? filedUnder : null;
  return (
    <section className="side-section sellers" aria-label={t.sidebar.sellers}>
      <header className="side-head">
        <h2>
          {t.sidebar.sellers} <span className="count">{t.sidebar.shown(shown.length, sellers.length)}</span>
        </h2>
      </header>
      <CaseFilter />
      <input type="search" className="filter" aria-label={t.sidebar.filterLabel} placeholder={t.sidebar.filterPlaceholder} value={filter} onChange={(e) => setFilter(e.target.value)} />
      {error ? <p className="bad-text small-text">{error}</p> : null}
      {shown.length === 0 && !loading ? <p className="muted small-text pad">{sellers.length === 0 ? t.sidebar.noSellers : t.sidebar.noMatch}</p> : null}
      <VirtualList
        className="seller-list"
        label={t.sidebar.sellers}
        items={shown}
        rowHeight={ROW_HEIGHT}
        rowKey={(s) => s.id}
        renderRow={(s) => <SellerRow seller={s} on={s.id === current} />}
      />
    </section>
  );
}

function SellerRow({ seller, on }: { seller: SellerSummary; on: boolean }) {
  const t = useT();
  return (
    <a className={`seller-row ${on ? 'on' : ''}`} href={hrefOf({ page: 'seller', id: seller.id })} aria-current={on ? 'page' : undefined}>
      <span className="seller-row-line">
        <span className="seller-name">{seller.displayName ?? t.sidebar.unnamed}</span>
        <StatusBadge status={seller.status} />
      </span>
      <span className="seller-row-line sub">
        <code className="hash">{sellerLabel(seller)}</code>
        <span className="count">{t.sidebar.captures(seller.captures)}</span>
      </span>
    </a>
  );
}

/** Narrows the list to a case's sellers; opening a case's page does not. */
function CaseFilter() {
  const t = useT();
  const cases = useCases((s) => s.cases);
  const caseId = useSellers((s) => s.caseId);
  const setCase = useSellers((s) => s.setCase);
  if (cases.length === 0 && caseId === null) return null;
  return (
    <label className="case-filter small-text">
      <span>{t.sidebar.showSellers}</span>
      <select value={caseId ?? ''} onChange={(e) => drop(setCase(e.target.value || null))}>
        <option value="">{t.sidebar.allSellers}</option>
        {cases.map((c) => (
          <option key={c.id} value={c.id}>
            {t.sidebar.sellersOfCase(c.name)}
          </option>
        ))}
      </select>
    </label>
  );
}
