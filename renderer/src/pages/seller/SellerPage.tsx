import { useEffect } from 'react';
import { onHub } from '../../api/transport.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { useDialogs } from '../../state/dialogs.js';
import { useSeller } from '../../state/seller.js';
import { drop } from '../../util/drop.js';
import { sellerLabel } from '../../util/format.js';
import { CapturesTimeline } from './CapturesTimeline.js';
import { LinkedAccounts } from './LinkedAccounts.js';
import { ListingsTable } from './ListingsTable.js';
import { SellerIdentity } from './SellerIdentity.js';
import { SellerEdits } from './SellerEdits.js';
import { SellerTimelinePanel } from '../timeline/SellerTimelinePanel.js';

export function SellerPage({ id }: { id: string }) {
  const t = useT();
  const { id: loadedRef, detail, error, load } = useSeller();
  const show = useDialogs((s) => s.show);
  useEffect(() => {
    drop(load(id));
  }, [id, load]);

  if (error) return <div className="page"><ErrorNote message={error} /></div>;
  // Shown once loaded for this address: by the seller's id, a merged account's, or its MARKETPLACE:ID.
  if (!detail || loadedRef !== id) return <div className="page muted">{t.seller.loading}</div>;
  const s = detail.seller;
  // On the team hub: what every workspace pushed of this seller, read-only, each capture with who pushed it.
  const hub = onHub();
  return (
    <div className="page seller-page">
      <header className="page-head">
        <div>
          <h1>{s.displayName ?? t.sidebar.unnamed}</h1>
          <code className="hash big">{sellerLabel(s)}</code>
        </div>
        {hub ? null : (
          <div className="actions">
            <button type="button" onClick={() => show({ kind: 'watch', target: { kind: 'seller', ref: s.id, label: sellerLabel(s) } })}>
              {t.listing.watch}…
            </button>
            <button type="button" className="primary" onClick={() => show({ kind: 'dossier', selection: { kind: 'seller', ref: s.id }, label: s.displayName ?? sellerLabel(s) })}>
              {t.seller.dossier}…
            </button>
          </div>
        )}
      </header>
      {hub ? null : <SellerIdentity detail={detail} />}
      {hub ? null : <SellerEdits detail={detail} />}
      {hub ? null : <LinkedAccounts sellerId={s.id} />}
      <ListingsTable listings={detail.listings} />
      <SellerTimelinePanel sellerId={s.id} />
      <CapturesTimeline key={s.id} captures={detail.captures} listings={detail.listings} thumbnails={detail.thumbnails} {...(detail.pushes ? { pushes: detail.pushes } : {})} />
    </div>
  );
}
