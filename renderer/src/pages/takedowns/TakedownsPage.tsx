import { useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import type { TakedownLine } from '../../api/types.js';
import { TakedownBadge } from '../../components/Badges.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { useRecapture } from '../../state/recapture.js';
import { hrefOf } from '../../state/router.js';
import { useTakedowns } from '../../state/takedowns.js';
import { drop } from '../../util/drop.js';
import { saveText } from '../../util/save-text.js';
import { utc } from '../../util/format.js';
import { NoticePanel } from './NoticePanel.js';
import { CaptureLink } from '../../components/CaptureLink.js';
import { Cell } from '../../components/Cell.js';

/** Every report sent to a platform, and what the re-captures showed since: still up, removed (how soon), came back. */
export function TakedownsPage() {
  const t = useT();
  const k = t.takedown;
  const { lines, loaded, error, load } = useTakedowns();
  const version = useRecapture((s) => s.version);
  const [platform, setPlatform] = useState('');
  const [exportError, setExportError] = useState<string | null>(null);
  useEffect(() => {
    drop(load());
  }, [load, version]);
  const platforms = [...new Set(lines.map((l) => l.report.platform))].sort();
  const shown = platform ? lines.filter((l) => l.report.platform === platform) : lines;
  const exportCsv = async () => {
    const r = await call('takedown.csv', platform ? { platform } : {});
    if (!r.ok) return setExportError(r.error.message);
    setExportError(null);
    saveText(r.value.fileName, r.value.text, 'text/csv;charset=utf-8');
  };
  return (
    <div className="page takedowns-page">
      <header className="page-head">
        <div>
          <h1>{k.title}</h1>
          <p className="subtitle small-text">{k.intro}</p>
        </div>
        <div className="actions">
          {platforms.length > 1 ? (
            <label className="inline-label">
              <span>{k.platform}</span>
              <select value={platform} onChange={(e) => setPlatform(e.target.value)}>
                <option value="">{k.allPlatforms}</option>
                {platforms.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="button" disabled={lines.length === 0} onClick={() => drop(exportCsv())}>
            {k.exportCsv}
          </button>
        </div>
      </header>
      <ErrorNote message={error ?? exportError} />
      <section className="card" aria-label={k.reports}>
        <h2>
          {k.reports} <span className="count">{shown.length}</span>
        </h2>
        {!loaded ? <p className="muted">{t.common.loading}</p> : shown.length === 0 ? <p className="muted">{k.empty}</p> : <ReportsTable lines={shown} />}
      </section>
      {platforms.length > 0 ? <NoticePanel platforms={platforms} initial={platform || platforms[0]!} /> : null}
    </div>
  );
}

function ReportsTable({ lines }: { lines: readonly TakedownLine[] }) {
  const t = useT();
  const k = t.takedown;
  // Six columns with their minimums: what is secondary (the report id, the programme) sits under what it belongs to,
  // the listing takes what is left, and a long title is cut, whole on hover and focus.
  return (
    <table className="dense takedowns fit">
      <thead>
        <tr>
          <th className="col-date">
            {k.reportedOn}
            <span className="visually-hidden"> · {k.reportId}</span>
          </th>
          <th className="col-platform">
            {k.platform}
            <span className="visually-hidden"> · {k.programme}</span>
          </th>
          <th className="col-listing">{k.listing}</th>
          <th className="col-state">{k.since}</th>
          <th className="col-checked">{k.lastChecked}</th>
          <th className="col-evidence">{k.evidence}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.report.id} data-report={l.report.id}>
            <td className="note-cell">
              <span className="mono nowrap" data-field="reported-on">{l.report.reportedOn}</span>
              {l.report.reportRef ? <Cell text={l.report.reportRef} className="mono small-text" /> : null}
            </td>
            <td className="note-cell">
              <Cell text={l.report.platform} />
              <Cell text={k.programmes[l.report.programme] ?? l.report.programme} className="small-text" />
            </td>
            <td>
              <a href={hrefOf({ page: 'listing', id: l.listing.id })} className="cell-link">
                <code className="hash">{`${l.listing.marketplace}:${l.listing.listingKey}`}</code>
              </a>
              {l.listing.title ? <Cell text={l.listing.title} className="small-text" /> : null}
              {l.seller ? (
                <div className="small-text muted">
                  <a href={hrefOf({ page: 'seller', id: l.seller.id })} className="cell-link" title={l.seller.displayName ?? `${l.seller.marketplace}:${l.seller.sellerKey}`}>
                    {l.seller.displayName ?? `${l.seller.marketplace}:${l.seller.sellerKey}`}
                  </a>
                </div>
              ) : null}
            </td>
            <td>
              <TakedownBadge report={l.report} />
            </td>
            <td className="mono when">{utc(l.lastChecked)}</td>
            <td>
              {l.evidence ? (
                <CaptureLink id={l.evidence.captureId} title={k.evidenceTitle(utc(l.evidence.capturedAt))}>
                  {k.openEvidence}
                </CaptureLink>
              ) : (
                <span className="muted small-text">{k.noEvidence}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
