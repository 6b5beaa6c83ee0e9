import { useState } from 'react';
import { call, dossierUrl } from '../api/transport.js';
import { useT } from '../i18n/i18n.js';
import { drop } from '../util/drop.js';
import { ErrorNote } from './ErrorNote.js';

/**
 * Open and Download in a browser (`exhibit serve` serves the file, as a
 * download or to the browser's PDF reader); Open and Show in folder in the
 * desktop app, which hands the path its custody entry records to the system.
 * The page never touches the file system.
 */
export function DossierFileActions({ dossierId, file }: { dossierId: string; file: string }) {
  const f = useT().dossierFile;
  const [error, setError] = useState<string | null>(null);
  const openHref = dossierUrl(dossierId, false);
  const downloadHref = dossierUrl(dossierId, true);
  const reveal = async (how: 'open' | 'folder') => {
    const r = await call('dossiers.reveal', { dossierId, how });
    setError(r.ok ? null : r.error.message);
  };
  return (
    <span className="dossier-actions">
      {openHref && downloadHref ? (
        <>
          <a className="button-link small" href={openHref} target="_blank" rel="noopener noreferrer" aria-label={f.openLabel(file)}>
            {f.open}
          </a>
          <a className="button-link small" href={downloadHref} download={file} aria-label={f.downloadLabel(file)}>
            {f.download}
          </a>
        </>
      ) : (
        <>
          <button type="button" className="small" onClick={() => drop(reveal('open'))} aria-label={f.openLabel(file)}>
            {f.open}
          </button>
          <button type="button" className="small" onClick={() => drop(reveal('folder'))} aria-label={f.showLabel(file)}>
            {f.showInFolder}
          </button>
        </>
      )}
      {error ? <ErrorNote message={error} /> : null}
    </span>
  );
}
