import type { ReactNode } from 'react';
import type { CaptureView } from '../../api/types.js';
import { Hash } from '../../components/Hash.js';
import { OutcomeBadge } from '../../components/Badges.js';
import { useT } from '../../i18n/i18n.js';
import { utc } from '../../util/format.js';

interface Provenance {
  /** the note given when capturing: sealed with the rest, part of the evidence */
  note?: unknown;
  mainDocument?: { serverIp?: string | null; serverPort?: number | null; protocol?: string | null } | null;
  environment?: { browser?: { product?: string } } | null;
}

export function CaptureMetadata({ view }: { view: CaptureView }) {
  const t = useT();
  const c = view.capture;
  const p = view.manifest.provenance as Provenance;
  const main = p.mainDocument;
  const rows: [string, ReactNode][] = [
    [t.capture.requestedUrl, <code className="url">{c.requestedUrl}</code>],
    [t.capture.finalUrl, c.finalUrl ? <code className="url">{c.finalUrl}</code> : '—'],
    [t.capture.time, <span className="mono">{utc(c.startedAt)}</span>],
    [t.capture.finished, <span className="mono">{utc(c.finishedAt)}</span>],
    [t.capture.outcome, <OutcomeBadge outcome={c.outcome} />],
    [t.capture.httpStatus, <span className="mono">{c.httpStatus ?? '—'}</span>],
    [t.capture.serverIp, main?.serverIp ? <span className="mono">{`${main.serverIp}${main.serverPort ? `:${main.serverPort}` : ''}${main.protocol ? ` (${main.protocol})` : ''}`}</span> : '—'],
    [t.capture.captureId, <Hash value={c.id} />],
    [t.capture.manifest, <Hash value={c.manifestSha256} />],
  ];
  if (p.environment?.browser?.product) rows.push([t.capture.browser, <span className="mono">{p.environment.browser.product}</span>]);
  rows.push([t.notes.sealedTitle, <SealedNote note={typeof p.note === 'string' ? p.note : null} />]);
  return (
    <section className="card" aria-label={t.capture.metadata}>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div className="fact" key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Read-only, and said to be evidence: the investigator's later notes are elsewhere, in amber. */
function SealedNote({ note }: { note: string | null }) {
  const t = useT();
  return (
    <div className="sealed-note" title={t.notes.sealedExplain}>
      {note ? <span className="sealed-text">{note}</span> : <span className="muted">{t.notes.sealedNone}</span>} <span className="sealed-tag">{t.notes.sealedEvidence}</span>
      {note ? <div className="muted small-text">{t.notes.sealedExplain}</div> : null}
    </div>
  );
}
