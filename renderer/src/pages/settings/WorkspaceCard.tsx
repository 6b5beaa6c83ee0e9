import type { WorkspaceInfo } from '../../api/types.js';
import { Hash } from '../../components/Hash.js';
import { useT } from '../../i18n/i18n.js';

/** Where the evidence lives: shown, never changed here (a workspace is moved as a whole folder, with the app closed). */
export function WorkspaceCard({ info }: { info: WorkspaceInfo | null }) {
  const t = useT();
  const s = t.settingsMore;
  return (
    <section className="card" aria-label={s.workspace}>
      <h2>{s.workspace}</h2>
      <dl className="facts">
        <div className="fact">
          <dt>{s.folder}</dt>
          <dd>
            <code className="url workspace-dir" data-testid="workspace-dir">
              {info?.dir ?? t.common.loading}
            </code>
          </dd>
        </div>
        <div className="fact">
          <dt>{s.fingerprint}</dt>
          <dd>{info ? <Hash value={info.publicKeyFingerprint} /> : '—'}</dd>
        </div>
      </dl>
      <p className="muted small-text help">{s.folderHelp}</p>
    </section>
  );
}
