import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import type { Settings, WorkspaceInfo } from '../../api/types.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { useSession } from '../../state/session.js';
import { drop } from '../../util/drop.js';
import { BrowserCard } from './BrowserCard.js';
import { HubCard } from './HubCard.js';
import { TrustedTimeCard } from './TrustedTimeCard.js';
import { WorkspaceCard } from './WorkspaceCard.js';

export function SettingsPage() {
  const t = useT();
  const settings = useSession((s) => s.settings);
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const loadInfo = useCallback(
    () =>
      drop(
        call('workspace.info', {}).then((r) => {
          if (r.ok) setInfo(r.value);
          else setInfoError(r.error.message);
        }),
      ),
    [],
  );
  useEffect(loadInfo, [loadInfo]);
  if (!settings) return <div className="page muted">{t.settings.loading}</div>;
  // The stored values seed the forms once; after a save they are what the forms already show.
  return (
    <div className="page settings-page">
      <header className="page-head">
        <h1>{t.settings.title}</h1>
      </header>
      <ErrorNote message={infoError} />
      <WorkspaceCard info={info} />
      <SettingsForm settings={settings} />
      <BrowserCard saved={settings.browserPath} info={info} onSaved={loadInfo} />
      <TrustedTimeCard info={info} ntpServers={settings.ntpServers} onChanged={loadInfo} />
      <HubCard />
    </div>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const t = useT();
  const save = useSession((s) => s.save);
  const [investigator, setInvestigator] = useState(settings.investigator);
  const [organisation, setOrganisation] = useState(settings.organisation);
  const [state, setState] = useState<{ kind: 'editing' | 'saving' | 'saved' } | { kind: 'failed'; message: string }>({ kind: 'editing' });
  const changed = investigator.trim() !== settings.investigator || organisation.trim() !== settings.organisation;
  const edit = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setState({ kind: 'editing' });
  };
  return (
    <section className="card" aria-label={t.home.investigator}>
      <h2>{t.home.investigator}</h2>
      <form
        className="stack settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          setState({ kind: 'saving' });
          drop(save({ investigator: investigator.trim(), organisation: organisation.trim() }).then((err) => setState(err ? { kind: 'failed', message: err.message } : { kind: 'saved' })));
        }}
      >
        <p className="muted small-text help">{t.settings.help}</p>
        <label>
          <span>{t.settings.investigator}</span>
          <input type="text" name="investigator" value={investigator} onChange={edit(setInvestigator)} maxLength={200} autoComplete="name" />
        </label>
        <label>
          <span>{t.settings.organisation}</span>
          <input type="text" name="organisation" value={organisation} onChange={edit(setOrganisation)} maxLength={200} autoComplete="organization" />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={state.kind === 'saving' || !changed}>
            {t.common.save}
          </button>
          {state.kind === 'saving' ? <span className="muted">{t.settings.saving}</span> : null}
          {state.kind === 'saved' ? (
            <span className="good-text" role="status">
              {t.settings.saved}
            </span>
          ) : null}
        </div>
        {state.kind === 'failed' ? <ErrorNote message={state.message} /> : null}
      </form>
    </section>
  );
}
