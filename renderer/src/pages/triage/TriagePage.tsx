import { useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import type { ListingScore, QueueItem, Reason, ReasonWords } from '../../api/types.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { hrefOf } from '../../state/router.js';
import { useTriage } from '../../state/triage.js';
import { drop } from '../../util/drop.js';
import { price } from '../../util/format.js';

const KEYS: Record<string, 'counterfeit' | 'genuine' | 'test-buy'> = { c: 'counterfeit', g: 'genuine', t: 'test-buy' };

/** Search results and captured listings by suspicion score, with their reasons; one key decides. */
export function TriagePage() {
  const t = useT();
  const k = t.triage;
  const { queue, listings, loaded, error, selected, last, load, select, move, decide } = useTriage();
  useEffect(() => {
    drop(load());
  }, [load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (e.key === 'ArrowDown' || e.key === 'j') move(1);
      else if (e.key === 'ArrowUp' || e.key === 'k') move(-1);
      else if (KEYS[e.key]) drop(decide(KEYS[e.key]!));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, decide]);

  return (
    <div className="page triage-page">
      <header className="page-head">
        <div>
          <h1>{k.title}</h1>
          <p className="subtitle small-text">{k.intro}</p>
          <p className="muted small-text">{k.keys}</p>
        </div>
      </header>
      <ErrorNote message={error} />
      {last ? (
        <p className="notice" role="status">
          {k.decided(last.listing, k.decisions[last.outcome.decision] ?? last.outcome.decision)} {last.outcome.filed ? k.filed : ''}{' '}
          {last.outcome.capturing === 'started' ? k.capturing : last.outcome.capturing === 'queued' ? k.queued : ''}
        </p>
      ) : null}
      <section className="card" aria-label={k.results}>
        <h2>
          {k.results} <span className="count">{queue.length}</span>
        </h2>
        {loaded && queue.length === 0 ? <p className="muted">{k.noResults}</p> : null}
        {queue.length > 0 ? (
          <table className="dense triage-table">
            <thead>
              <tr>
                <th className="num">{k.score}</th>
                <th>{k.image}</th>
                <th>{k.what}</th>
                <th>{k.reasons}</th>
                <th>{k.decision}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((r) => (
                <ResultRow key={r.id} item={r} on={r.id === selected} onSelect={() => select(r.id)} onDecide={(d) => drop((select(r.id), decide(d)))} />
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="card" aria-label={k.listings}>
        <h2>
          {k.listings} <span className="count">{listings.length}</span>
        </h2>
        {loaded && listings.length === 0 ? <p className="muted">{k.noListings}</p> : null}
        {listings.length > 0 ? (
          <table className="dense triage-table">
            <thead>
              <tr>
                <th className="num">{k.score}</th>
                <th>{k.image}</th>
                <th>{k.what}</th>
                <th>{k.reasons}</th>
              </tr>
            </thead>
            <tbody>
              {listings.map((l) => (
                <ListingRow key={`${l.listingId}:${l.seller?.sellerId ?? ''}`} item={l} />
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}

function ResultRow({ item, on, onSelect, onDecide }: { item: QueueItem; on: boolean; onSelect: () => void; onDecide: (d: 'counterfeit' | 'genuine' | 'test-buy') => void }) {
  const t = useT();
  const k = t.triage;
  return (
    <tr className={on ? 'selected' : ''} aria-selected={on} onClick={onSelect} data-result={item.id}>
      <td className="num">
        <strong className="score">{item.scoreNow}</strong>
      </td>
      <td>
        <Thumb kind="result" id={item.id} />
      </td>
      <td className="wrap">
        <div>{item.title ?? '—'}</div>
        <div className="muted small-text">
          <code className="hash">{`${item.marketplace}:${item.listingKey}`}</code> · {price(item.price, item.currency)} · {item.sellerKey ? k.seller(item.sellerName ?? item.sellerKey) : k.noSeller} · {k.state[item.state] ?? item.state}
        </div>
      </td>
      <td className="wrap">
        <Reasons reasons={item.reasons} />
      </td>
      <td className="nowrap">
        {item.decision ? <span className="badge">{k.decisions[item.decision]}</span> : null}
        <div className="button-row">
          {(['counterfeit', 'genuine', 'test-buy'] as const).map((d) => (
            <button key={d} type="button" className="small" onClick={(e) => (e.stopPropagation(), onDecide(d))}>
              {k.decisions[d]}
            </button>
          ))}
        </div>
      </td>
    </tr>
  );
}

function ListingRow({ item }: { item: ListingScore }) {
  const t = useT();
  const k = t.triage;
  return (
    <tr>
      <td className="num">
        <strong className="score">{item.score}</strong>
      </td>
      <td>
        <Thumb kind="listing" id={item.listingId} />
      </td>
      <td className="wrap">
        <div>
          <a href={hrefOf({ page: 'listing', id: item.listingId })}>{item.title ?? `${item.marketplace}:${item.listingKey}`}</a>
        </div>
        <div className="muted small-text">
          <code className="hash">{`${item.marketplace}:${item.listingKey}`}</code> · {price(item.price, item.currency)} ·{' '}
          {item.seller ? (
            <a href={hrefOf({ page: 'seller', id: item.seller.sellerId })}>{k.seller(item.seller.name ?? item.seller.sellerKey)}</a>
          ) : (
            k.noSeller
          )}{' '}
          · <a href={hrefOf({ page: 'capture', id: item.captureId })}>{k.capture}</a>
        </div>
      </td>
      <td className="wrap">
        <Reasons reasons={item.reasons} />
      </td>
    </tr>
  );
}

/** A reason in the screen's language, from its code and values; one stored as a sentence no code reads back, as written. */
function reasonWords(k: { reason: ReasonWords; asWritten: (s: string) => string }, r: Reason): string {
  if (!('code' in r)) return k.asWritten(r.evidence);
  // Code and values agree: the core checks them where reasons are made and read.
  return (k.reason[r.code] as (p: Extract<Reason, { code: string }>['params']) => string)(r.params);
}

function Reasons({ reasons }: { reasons: Reason[] }) {
  const t = useT();
  if (reasons.length === 0) return <span className="muted">{t.triage.noReason}</span>;
  return (
    <ul className="plain reasons">
      {reasons.map((r) => (
        <li key={r.signal}>
          <strong>{t.triage.signals[r.signal] ?? r.signal}</strong>
          {t.lang === 'fr' ? '\u202f: ' : ': '}
          {reasonWords(t.triage, r)}
        </li>
      ))}
    </ul>
  );
}

/** The image as the capture recorded it, never fetched from the marketplace by the screen. */
function Thumb({ kind, id }: { kind: 'result' | 'listing'; id: string }) {
  const t = useT();
  const [src, setSrc] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    drop(
      call('triage.image', { kind, id }).then((r) => {
        if (live) setSrc(r.ok && r.value ? r.value.dataUrl : null);
      }),
    );
    return () => {
      live = false;
    };
  }, [kind, id]);
  if (src === undefined) return <span className="thumb" />;
  if (src === null) return <span className="thumb muted small-text">{t.triage.noImage}</span>;
  return <img className="thumb" src={src} alt="" width={64} height={64} />;
}
