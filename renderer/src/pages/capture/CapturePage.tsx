import { useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import { SplitHandle, useSplit } from '../../viewer/SplitHandle.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { OutcomeBadge } from '../../components/Badges.js';
import { useT } from '../../i18n/i18n.js';
import { useCapture } from '../../state/capture.js';
import { CaptureFiling } from '../case/CaptureFiling.js';
import { hrefOf } from '../../state/router.js';
import { drop } from '../../util/drop.js';
import { ArtifactTable } from './ArtifactTable.js';
import { CaptureMetadata } from './CaptureMetadata.js';
import { CustodyTable } from './CustodyTable.js';
import { FieldsTable } from './FieldsTable.js';
import { NotesPanel } from './NotesPanel.js';
import { ScreenshotViewer } from './ScreenshotViewer.js';
import { SellerProfileOffer } from './SellerProfileOffer.js';
import { TimestampPanel } from './TimestampPanel.js';
import { HubCheckPanel } from './HubCheckPanel.js';
import { ListingTimelinePanel } from '../timeline/ListingTimelinePanel.js';

export function CapturePage({ id }: { id: string }) {
  const t = useT();
  const { view, error, load } = useCapture();
  const split = useSplit();
  useEffect(() => {
    drop(load(id));
  }, [id, load]);
  // Other captures of the same listing, to compare the screenshot with.
  const listingId = view?.capture.id === id ? (view.filing.listingId ?? view.recheckOf?.listingId ?? null) : null;
  const [others, setOthers] = useState<{ id: string; label: string }[]>([]);
  useEffect(() => {
    setOthers([]);
    if (!listingId) return;
    drop(
      call('timeline.listing', { ref: listingId }).then((r) => {
        if (!r.ok) return;
        const seen = new Set<string>([id]);
        const list: { id: string; label: string }[] = [];
        for (const e of r.value.events) {
          if (!e.captureId || seen.has(e.captureId)) continue;
          seen.add(e.captureId);
          list.push({ id: e.captureId, label: `${e.at.slice(0, 16).replace('T', ' ')} UTC` });
        }
        setOthers(list);
      }),
    );
  }, [listingId, id]);

  if (error) return <div className="page"><ErrorNote message={error} /></div>;
  if (!view || view.capture.id !== id) return <div className="page muted">{t.capture.loading}</div>;
  const title = view.fields.find((f) => f.field === 'title')?.value;
  // On the team hub: the evidence as pushed, read-only, with who pushed it and what the hub found checking it.
  const hub = view.hub;
  const listingOnTimeline = view.filing.listingId ?? view.recheckOf?.listingId;
  return (
    <div className="capture-page" style={split.style}>
      <ScreenshotViewer captureId={id} tiles={view.screenshotTiles} compareWith={others} />
      <SplitHandle {...split} />
      <div className="capture-details">
        <header className="page-head">
          <div>
            {view.filing.sellerId ? (
              <a className="crumb" href={hrefOf({ page: 'seller', id: view.filing.sellerId })}>
                ← {t.capture.backToSeller}
              </a>
            ) : null}
            <h1>
              {t.capture.title} <OutcomeBadge outcome={view.capture.outcome} />
            </h1>
            {typeof title === 'string' ? <p className="subtitle">{title}</p> : null}
            {hub ? null : <CaptureFiling view={view} onChanged={() => drop(load(id))} />}
            {hub ? null : <SellerProfileOffer captureId={id} />}
          </div>
        </header>
        {hub ? <HubCheckPanel check={hub} /> : null}
        <CaptureMetadata view={view} />
        <TimestampPanel view={view} />
        {hub ? null : <NotesPanel key={view.capture.id} note={view.note} />}
        {/* A re-check that found the listing gone is filed under no listing, but belongs on its timeline. */}
        {listingOnTimeline ? <ListingTimelinePanel listingId={listingOnTimeline} linkToListing /> : null}
        <FieldsTable fields={view.fields} readOnly={hub !== undefined} />
        <ArtifactTable captureId={id} artifacts={view.manifest.artifacts} />
        <CustodyTable entries={view.custody} />
      </div>
    </div>
  );
}
