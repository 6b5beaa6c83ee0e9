import type { SellerDetail } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { sellerLabel, utc, utcDate } from '../../util/format.js';
import { StatusControl } from './StatusControl.js';

export function SellerIdentity({ detail }: { detail: SellerDetail }) {
  const t = useT();
  const s = detail.seller;
  return (
    <section className="card identity" aria-label={t.seller.identity}>
      <dl className="facts">
        <dt>{t.seller.profile}</dt>
        <dd>{s.profileUrl ? <code className="url">{s.profileUrl}</code> : <span className="muted">{t.common.none}</span>}</dd>
        <dt>{t.seller.status}</dt>
        <dd>
          <StatusControl key={s.id} status={s.status} />
        </dd>
        <dt>{t.seller.names}</dt>
        <dd>
          {detail.names.length === 0 ? (
            <span className="muted">{t.common.none}</span>
          ) : (
            <ul className="plain">
              {detail.names.map((n) => (
                <li key={n.name}>
                  {n.name} <span className="muted small-text">{t.seller.firstSeen(utcDate(n.firstSeen))}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t.seller.merged}</dt>
        <dd>
          {detail.merged.length === 0 ? (
            <span className="muted">{t.common.none}</span>
          ) : (
            <ul className="plain">
              {detail.merged.map((m) => (
                <li key={m.id}>
                  <code className="hash">{sellerLabel(m)}</code> {m.displayName ?? ''}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {detail.statusHistory.length > 0 ? (
          <>
            <dt>{t.seller.statusHistory}</dt>
            <dd>
              <ul className="plain note-list">
                {detail.statusHistory.map((h) => (
                  <li key={`${h.at}-${h.status}`}>
                    <span className="muted small-text">{utc(h.at)}</span> {t.status[h.status] ?? h.status}
                    {h.note ? <span className="note"> — {h.note}</span> : null}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
