import { useCallback, useEffect, useState } from 'react';
import './linked-accounts.css';
import { call } from '../../api/transport.js';
import type { ApiOutputs } from '../../api/types.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { drop } from '../../util/drop.js';
import { LinkEvidence } from '../links/LinkEvidence.js';

type Report = ApiOutputs['links.forSeller'];
type Link = Report['links'][number];

/**
 * "Possibly the same operator as…": every other account that shares
 * evidence with this seller, each shared item shown side by side (this
 * seller's copy, the other's, pictures included) with the two trader
 * details, the investigator's confirm and reject, and the way to the
 * operator's page.
 */
export function LinkedAccounts({ sellerId }: { sellerId: string }) {
  const t = useT();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await call('links.forSeller', { ref: sellerId });
    if (r.ok) setReport(r.value);
    else setError(r.error.message);
  }, [sellerId]);
  useEffect(() => {
    setReport(null);
    setError(null);
    drop(load());
  }, [load]);

  return (
    <section className="card linked-accounts" aria-labelledby="linked-title">
      <h2 id="linked-title">{t.links.title}</h2>
      {error ? <ErrorNote message={error} /> : null}
      {!report && !error ? <p className="muted">{t.links.loading}</p> : null}
      {report && report.links.length === 0 ? <p className="muted">{t.links.none}</p> : null}
      {report?.links.map((l) => <LinkCard key={`${l.a}|${l.b}`} link={l} sellerId={sellerId} traders={report.traderDetails} onDecided={load} />)}
    </section>
  );
}

function LinkCard({ link, sellerId, traders, onDecided }: { link: Link; sellerId: string; traders: Report['traderDetails']; onDecided: () => Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mineIsA = link.a === sellerId;
  const other = mineIsA ? { id: link.b, label: link.bLabel } : { id: link.a, label: link.aLabel };
  const decide = (decision: 'confirmed' | 'rejected') => {
    setBusy(true);
    drop(
      call('links.decide', { a: sellerId, b: other.id, decision, ...(reason.trim() ? { reason: reason.trim() } : {}) }).then(async (r) => {
        setBusy(false);
        if (!r.ok) return setError(r.error.message);
        setError(null);
        setReason('');
        await onDecided();
      }),
    );
  };
  return (
    <article className={`link-card ${link.strength}`} aria-label={other.label}>
      <header className="link-head">
        <span className={`badge outcome-${link.strength === 'strong' ? 'bad' : 'warn'}`}>{link.strength === 'strong' ? t.links.strong : t.links.weak}</span>
        <a href={hrefOf({ page: 'seller', id: other.id })}>
          <code>{other.label}</code>
        </a>
        <span className="muted small-text">{t.links.score(link.score)}</span>
        {link.decision === 'confirmed' ? <span className="badge outcome-good">{t.links.confirmed}</span> : null}
        {link.strength === 'strong' || link.decision === 'confirmed' ? (
          <a className="operator-link small-text" href={hrefOf({ page: 'operator', id: sellerId })}>
            {t.links.openOperator}
          </a>
        ) : null}
      </header>
      <LinkEvidence link={link} left={sellerId} traders={traders} />
      {link.decision !== 'confirmed' ? (
        <div className="link-actions">
          <input type="text" aria-label={t.links.reason} placeholder={t.links.reason} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="small primary" disabled={busy} onClick={() => decide('confirmed')}>
            {t.links.confirm}
          </button>
          <button type="button" className="small" disabled={busy} onClick={() => decide('rejected')}>
            {t.links.reject}
          </button>
          {busy ? <span className="muted small-text">{t.links.working}</span> : null}
          {error ? <span className="bad-text small-text">{error}</span> : null}
        </div>
      ) : null}
    </article>
  );
}
