import { useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import type { ApiOutputs } from '../../api/types.js';
import { CaptureLink } from '../../components/CaptureLink.js';
import { useT } from '../../i18n/i18n.js';
import { drop } from '../../util/drop.js';

export type Link = ApiOutputs['links.forSeller']['links'][number];
type Seen = Link['shared'][number]['a'];
type Trader = ApiOutputs['links.forSeller']['traderDetails'][string];

/**
 * A link's evidence side by side: each shared item as the two accounts'
 * captures showed it (the pictures themselves, from the captures' WARCs),
 * then the two sellers' trader details field by field, each with the capture
 * it was read from.
 */
export function LinkEvidence({ link, left, traders }: { link: Link; left: string; traders: ApiOutputs['links.forSeller']['traderDetails'] }) {
  const t = useT();
  const leftIsA = link.a === left;
  const [leftLabel, rightLabel] = leftIsA ? [link.aLabel, link.bLabel] : [link.bLabel, link.aLabel];
  const leftTrader = traders[leftIsA ? link.a : link.b];
  const rightTrader = traders[leftIsA ? link.b : link.a];
  return (
    <>
      <table className="link-evidence" aria-label={t.links.sharedTable}>
        <thead>
          <tr>
            <th scope="col">{t.links.shared}</th>
            <th scope="col">
              <code>{leftLabel}</code>
            </th>
            <th scope="col">
              <code>{rightLabel}</code>
            </th>
          </tr>
        </thead>
        <tbody>
          {link.shared.map((s, i) => (
            <tr key={i}>
              <th scope="row">
                {t.links.kinds[s.kind]}
                {s.mirrored ? <div className="muted small-text">{t.links.mirrored}</div> : null}
                {s.kind !== 'image' ? (
                  <div>
                    <code className="small-text">{s.value}</code>
                  </div>
                ) : null}
              </th>
              <td>
                <SeenCell seen={leftIsA ? s.a : s.b} image={s.kind === 'image'} who={leftLabel} />
              </td>
              <td>
                <SeenCell seen={leftIsA ? s.b : s.a} image={s.kind === 'image'} who={rightLabel} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {leftTrader || rightTrader ? <TraderSideBySide left={leftTrader} right={rightTrader} leftLabel={leftLabel} rightLabel={rightLabel} /> : null}
    </>
  );
}

function SeenCell({ seen, image, who }: { seen: Seen; image: boolean; who: string }) {
  const t = useT();
  return (
    <div className="seen">
      {image && seen.captureId ? <CapturedPicture captureId={seen.captureId} url={seen.raw} who={who} /> : null}
      <blockquote className="seen-raw">{seen.raw}</blockquote>
      <div className="muted small-text">
        {seen.captureId ? (
          <CaptureLink id={seen.captureId}>
            {t.links.capture} {seen.captureId.slice(0, 10)}…
          </CaptureLink>
        ) : null}{' '}
        {seen.artifact} · {seen.field}
      </div>
    </div>
  );
}

/** The picture as the capture recorded it, asked of the API (never loaded from the web). */
function CapturedPicture({ captureId, url, who }: { captureId: string; url: string; who: string }) {
  const t = useT();
  const [image, setImage] = useState<ApiOutputs['links.image'] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    drop(
      call('links.image', { captureId, url }).then((r) => {
        if (live) setImage(r.ok ? r.value : null);
      }),
    );
    return () => {
      live = false;
    };
  }, [captureId, url]);
  if (image === undefined) return <p className="muted small-text">{t.links.pictureLoading}</p>;
  if (image === null) return <p className="muted small-text">{t.links.pictureMissing}</p>;
  return <img className="seen-picture" src={image.dataUrl} width={image.width} height={image.height} alt={t.links.pictureAlt(who)} />;
}

function TraderSideBySide({ left, right, leftLabel, rightLabel }: { left: Trader | undefined; right: Trader | undefined; leftLabel: string; rightLabel: string }) {
  const t = useT();
  const fields = Object.keys(t.links.profileFields) as (keyof typeof t.links.profileFields)[];
  const present = fields.filter((f) => left?.fields.some((x) => x.field === f) || right?.fields.some((x) => x.field === f));
  const cell = (side: Trader | undefined, f: string) => {
    const v = side?.fields.find((x) => x.field === f);
    return v ? (
      <>
        <div className="trader-value">{v.value}</div>
        <div className="muted small-text">{v.source}</div>
      </>
    ) : (
      <span className="muted">—</span>
    );
  };
  const head = (side: Trader | undefined, label: string) => (
    <th scope="col">
      <code>{label}</code>
      {side ? (
        <div className="small-text">
          <CaptureLink id={side.captureId}>{t.links.fromCapture(side.captureId.slice(0, 10) + '…')}</CaptureLink> <span className="muted">{side.artifact}</span>
        </div>
      ) : null}
    </th>
  );
  return (
    <table className="link-evidence trader-side-by-side" aria-label={t.links.traderTitle}>
      <caption>{t.links.traderTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{t.links.field}</th>
          {head(left, leftLabel)}
          {head(right, rightLabel)}
        </tr>
      </thead>
      <tbody>
        {present.map((f) => (
          <tr key={f}>
            <th scope="row">{t.links.profileFields[f]}</th>
            <td>{cell(left, f)}</td>
            <td>{cell(right, f)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
