import { Fragment } from 'react';
import type { ManifestArtifact } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { bytes } from '../../util/format.js';

/** Every stored file with the SHA-256 the signed manifest gives it, whole and on a line of its own. */
export function ArtifactTable({ artifacts }: { artifacts: ManifestArtifact[] }) {
  const t = useT();
  return (
    <section className="card" aria-label={t.capture.artifacts}>
      <h2>
        {t.capture.artifacts} <span className="count">{artifacts.length}</span>
      </h2>
      <table className="dense artifacts">
        <thead>
          <tr>
            <th>{t.capture.name}</th>
            <th>{t.capture.kind}</th>
            <th className="num">{t.capture.size}</th>
          </tr>
        </thead>
        <tbody>
          {artifacts.map((a) => (
            <Fragment key={a.name}>
              <tr className="artifact" data-artifact={a.name}>
                <td className="mono nowrap">{a.name}</td>
                <td className="nowrap muted">{a.kind}</td>
                <td className="num nowrap">{bytes(a.bytes, t.locale)}</td>
              </tr>
              <tr className="artifact-hash">
                <td colSpan={3}>
                  <span className="hash-label">{t.capture.sha256}</span> <code className="hash sha">{a.sha256}</code>
                </td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
