import { Fragment, useState } from 'react';
import { call, downloadUrl, pageViewUrl } from '../../api/transport.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import type { ManifestArtifact } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { bytes } from '../../util/format.js';
import { drop } from '../../util/drop.js';

/** Every stored file with the SHA-256 the signed manifest gives it, whole and on a line of its own; each downloadable (in the desktop app, saved as a copy through the system's dialog), the page archive viewable. */
export function ArtifactTable({ captureId, artifacts }: { captureId: string; artifacts: ManifestArtifact[] }) {
  const t = useT();
  const v = t.viewer;
  const [viewing, setViewing] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ path: string } | { error: string } | null>(null);
  const saveCopy = async (name: string) => {
    const r = await call('artifacts.saveCopy', { captureId, name });
    if (!r.ok) setSaved({ error: r.error.message });
    else setSaved(r.value.path === null ? null : { path: r.value.path });
  };
  return (
    <section className="card" aria-label={t.capture.artifacts}>
      <h2>
        {t.capture.artifacts} <span className="count">{artifacts.length}</span>
      </h2>
      <table className="dense artifacts">
        <thead>
          <tr>
            <th>{t.capture.name}</th>
            <th className="col-kind">{t.capture.kind}</th>
            <th className="num">{t.capture.size}</th>
            <th>
              <span className="visually-hidden">{v.download}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {artifacts.map((a) => {
            const href = downloadUrl(captureId, a.name);
            return (
              <Fragment key={a.name}>
                <tr className="artifact" data-artifact={a.name}>
                  <td className="nowrap">
                    <span className="mono">{a.name}</span>
                    <span className="kind-inline muted small-text">{a.kind}</span>
                  </td>
                  <td className="nowrap muted col-kind">{a.kind}</td>
                  <td className="num nowrap">{bytes(a.bytes, t.locale)}</td>
                  <td className="nowrap">
                    {a.kind === 'mhtml' ? (
                      <button type="button" className="small" aria-pressed={viewing === a.name} onClick={() => setViewing(viewing === a.name ? null : a.name)}>
                        {v.view}
                      </button>
                    ) : null}{' '}
                    {href ? (
                      <a className="button-link small" href={href} download aria-label={`${v.download} ${a.name}`}>
                        {v.download}
                      </a>
                    ) : (
                      <button type="button" className="small" onClick={() => drop(saveCopy(a.name))} aria-label={v.saveCopyLabel(a.name)}>
                        {v.saveCopy}
                      </button>
                    )}
                  </td>
                </tr>
                <tr className="artifact-hash">
                  <td colSpan={4}>
                    <span className="hash-label">{t.capture.sha256}</span> <code className="hash sha">{a.sha256}</code>
                  </td>
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {saved && 'path' in saved ? (
        <p className="small-text" role="status">
          {v.savedTo(saved.path)}
        </p>
      ) : null}
      {saved && 'error' in saved ? <ErrorNote message={saved.error} /> : null}
      {viewing ? (
        <div className="page-view">
          <p className="small-text muted">{v.sandboxNote}</p>
          {/* No allow-scripts, no allow-same-origin: the captured page runs nothing and reaches nothing of the app. */}
          <iframe title={v.viewPage} src={pageViewUrl(captureId, viewing)} sandbox="" referrerPolicy="no-referrer" />
          <button type="button" className="small" onClick={() => setViewing(null)}>
            {v.closeView}
          </button>
        </div>
      ) : null}
    </section>
  );
}
