import { useId, useState } from 'react';
import { PROGRAMMES, type Programme } from '../api/types.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useT } from '../i18n/i18n.js';
import { useDialogs, type ListingRef } from '../state/dialogs.js';
import { useTakedowns } from '../state/takedowns.js';
import { drop } from '../util/drop.js';

/** The programme a marketplace's reports usually go through; the investigator can choose another. */
const USUAL: Record<string, Programme> = { amazon: 'amazon-brand-registry', ebay: 'ebay-vero', aliexpress: 'alibaba-ipp', alibaba: 'alibaba-ipp', taobao: 'alibaba-ipp', tmall: 'alibaba-ipp' };

/** Where it was reported: the listing's own site (amazon.de) when its address is the marketplace's, else the marketplace's name. */
function platformOf(listing: ListingRef): string {
  try {
    const host = new URL(listing.url).hostname.replace(/^www\./, '');
    if (host.includes(listing.marketplace)) return host;
  } catch {
    // An address that does not parse names no site.
  }
  return listing.marketplace;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Records that a listing was reported to its platform: the investigator's record, kept as recorded. */
export function ReportDialog({ listing }: { listing: ListingRef }) {
  const t = useT();
  const d = t.reportDialog;
  const close = useDialogs((s) => s.close);
  const add = useTakedowns((s) => s.add);
  const [platform, setPlatform] = useState(platformOf(listing));
  const [programme, setProgramme] = useState<Programme>(USUAL[listing.marketplace] ?? 'other');
  const [reportRef, setReportRef] = useState('');
  const [reportedOn, setReportedOn] = useState(today());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  return (
    <Dialog title={d.title(listing.label)} onClose={close}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          drop(
            add({ listing: listing.id, platform: platform.trim(), programme, reportedOn, ...(reportRef.trim() ? { reportRef: reportRef.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) }).then((err) => {
              setBusy(false);
              if (err) return setError(err.message);
              close();
            }),
          );
        }}
      >
        <p className="note-box small-text">{d.isNote}</p>
        <div className="row">
          <div className="grow field">
            <label>
              <span>{d.platform}</span>
              <input type="text" name="platform" value={platform} onChange={(e) => setPlatform(e.target.value)} required maxLength={64} aria-describedby={hintId} />
            </label>
            <small className="muted" id={hintId}>
              {d.platformHint}
            </small>
          </div>
          <label>
            <span>{d.programme}</span>
            <select name="programme" value={programme} onChange={(e) => setProgramme(e.target.value as Programme)}>
              {PROGRAMMES.map((p) => (
                <option key={p} value={p}>
                  {t.takedown.programmes[p]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="row">
          <label className="grow">
            <span>{d.reportId}</span>
            <input type="text" name="reportRef" value={reportRef} onChange={(e) => setReportRef(e.target.value)} maxLength={200} className="mono" />
          </label>
          <label>
            <span>{d.date}</span>
            <input type="date" name="reportedOn" value={reportedOn} max={today()} onChange={(e) => setReportedOn(e.target.value)} required />
          </label>
        </div>
        <label>
          <span>{d.note}</span>
          <input type="text" name="note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        </label>
        <ErrorNote message={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !platform.trim() || !reportedOn}>
            {d.save}
          </button>
          <button type="button" onClick={close}>
            {t.common.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
