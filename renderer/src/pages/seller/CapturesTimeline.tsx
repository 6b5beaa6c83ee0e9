import { useState } from 'react';
import type { CaptureLine, CaptureThumbnail, HubPush, ListingSummary } from '../../api/types.js';
import { OutcomeBadge } from '../../components/Badges.js';
import { useT } from '../../i18n/i18n.js';
import { useDialogs } from '../../state/dialogs.js';
import { hrefOf } from '../../state/router.js';
import { utc } from '../../util/format.js';
import { artifactUrl, tileUrl } from '../../api/transport.js';
import { CaptureLink } from '../../components/CaptureLink.js';

/** The seller's history, newest first; each capture opens its own page, and any of them can go into a dossier. */
export function CapturesTimeline({
  captures,
  listings,
  thumbnails,
  pushes,
}: {
  captures: CaptureLine[];
  listings: ListingSummary[];
  thumbnails: Readonly<Record<string, CaptureThumbnail>>;
  /** on the team hub: who pushed each capture (and no dossier is made there) */
  pushes?: Readonly<Record<string, HubPush>>;
}) {
  const t = useT();
  const show = useDialogs((s) => s.show);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const titleOf = new Map(listings.map((l) => [l.id, l.title]));
  const newestFirst = [...captures].reverse();
  // Only captures still on the seller count: one merged away or gone is no longer chosen.
  const ids = captures.filter((c) => chosen.has(c.id)).map((c) => c.id);
  const all = captures.length > 0 && ids.length === captures.length;
  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section className="card" aria-label={t.seller.timeline}>
      <header className="card-head">
        <h2>
          {t.seller.timeline} <span className="count">{captures.length}</span>
        </h2>
        {captures.length > 0 && !pushes ? (
          <button type="button" className="small" disabled={ids.length === 0} onClick={() => show({ kind: 'dossier', selection: { kind: 'captures', ids }, label: t.dossierDialog.ofChosen(ids.length) })}>
            {t.seller.dossierChosen(ids.length)}…
          </button>
        ) : null}
      </header>
      {captures.length === 0 ? (
        <p className="muted">{t.seller.noCaptures}</p>
      ) : (
        <table className="dense timeline">
          <thead>
            <tr>
              {pushes ? null : (
                <th className="check">
                  <input type="checkbox" aria-label={t.seller.chooseAll} checked={all} onChange={() => setChosen(all ? new Set() : new Set(captures.map((c) => c.id)))} />
                </th>
              )}
              <th className="thumb">
                <span className="visually-hidden">{t.tables.screenshot}</span>
              </th>
              <th>{t.seller.date}</th>
              <th>{t.seller.outcome}</th>
              <th className="num">{t.seller.http}</th>
              <th>{t.seller.listing}</th>
              {pushes ? <th>{t.hubApp.pushedBy}</th> : null}
              <th>
            <span className="visually-hidden">{t.tables.evidence}</span>
          </th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((c) => (
              <tr key={c.id} className={chosen.has(c.id) ? 'chosen' : undefined}>
                {pushes ? null : (
                  <td className="check">
                    <input type="checkbox" aria-label={t.seller.choose(utc(c.startedAt))} checked={chosen.has(c.id)} onChange={() => toggle(c.id)} />
                  </td>
                )}
                <td className="thumb">
                  <Thumbnail captureId={c.id} thumbnail={thumbnails[c.id]} />
                </td>
                <td className="nowrap">
                  <a href={hrefOf({ page: 'capture', id: c.id })}>{utc(c.startedAt)}</a>
                </td>
                <td>
                  <OutcomeBadge outcome={c.outcome} />
                </td>
                <td className="num">{c.httpStatus ?? '—'}</td>
                <td className="wrap">
                  {c.listingKey ? <code className="hash">{c.listingKey}</code> : null} {(c.listingId && titleOf.get(c.listingId)) ?? <span className="muted url">{c.url}</span>}
                </td>
                {pushes ? (
                  <td className="pushed-by" title={pushes[c.id] ? utc(pushes[c.id]!.pushedAt) : undefined}>
                    {pushes[c.id] ? t.hubApp.pushedLine(pushes[c.id]!.pushedBy, pushes[c.id]!.investigator) : '—'}
                  </td>
                ) : null}
                <td>
                  <CaptureLink id={c.id}>{t.seller.open}</CaptureLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * What the investigator saw on screen, small: the capture's viewport
 * screenshot, else the top of its full-page screenshot (one tile, cut at a
 * quarter of its size), loaded only when its row scrolls into view. The page
 * asks only for what the capture has (the API says which); a capture with
 * neither (a failed load, an import) shows an empty frame.
 */
function Thumbnail({ captureId, thumbnail }: { captureId: string; thumbnail: CaptureThumbnail | undefined }) {
  const [missing, setMissing] = useState(false);
  if (missing || !thumbnail) return <span className="thumb-frame" aria-hidden="true" />;
  const src = thumbnail.kind === 'viewport' ? artifactUrl(captureId, thumbnail.name) : tileUrl(captureId, thumbnail.name, THUMB_LEVEL, 0, 0);
  return <img className="thumb-frame" src={src} alt="" loading="lazy" decoding="async" width={96} height={63} onError={() => setMissing(true)} />;
}

/** A tile at level 2 covers 2,048 px of the page: a page's whole width, in 512 px. */
const THUMB_LEVEL = 2;
