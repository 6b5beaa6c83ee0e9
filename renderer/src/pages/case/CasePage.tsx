import { useEffect, useRef } from 'react';
import { onHub } from '../../api/transport.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useT } from '../../i18n/i18n.js';
import { useCase } from '../../state/case.js';
import { useDialogs } from '../../state/dialogs.js';
import { drop } from '../../util/drop.js';
import { utcDate } from '../../util/format.js';
import { AddMemberForm } from './AddMemberForm.js';
import { CaseCaptures } from './CaseCaptures.js';
import { CaseDossiers, CaseTakedowns } from './CaseRecords.js';
import { CaseListings, CaseSellers } from './CaseMembers.js';
import { HubCaseClaims } from './HubCaseClaims.js';

/**
 * A case: what is in it and why, what was reported, the dossiers made of it;
 * members added and removed here. On the team hub, read-only: what every
 * workspace put in it, and who; takedowns and dossiers stay in the workspaces.
 */
export function CasePage({ id }: { id: string }) {
  const t = useT();
  const c = t.casePage;
  const { detail, error, load } = useCase();
  const show = useDialogs((s) => s.show);
  const dialogOpen = useDialogs((s) => s.open !== null);
  useEffect(() => {
    drop(load(id));
  }, [id, load]);
  // A dossier made from here is listed once its dialog closes.
  const wasOpen = useRef(dialogOpen);
  useEffect(() => {
    if (wasOpen.current && !dialogOpen) drop(useCase.getState().load(id));
    wasOpen.current = dialogOpen;
  }, [dialogOpen, id]);

  if (error) return <div className="page"><ErrorNote message={error} /></div>;
  if (!detail || (detail.case.id !== id && detail.case.name !== id)) return <div className="page muted">{c.loading}</div>;
  const k = detail.case;
  const hub = onHub();
  return (
    <div className="page case-page" data-case={k.id}>
      <header className="page-head">
        <div>
          <h1>{k.name}</h1>
          <p className="subtitle small-text">
            {[k.reference ? c.reference(k.reference) : null, c.created(utcDate(k.createdAt))].filter(Boolean).join(' · ')}
          </p>
        </div>
        {hub ? null : (
        <div className="actions">
          <button type="button" className="primary" disabled={detail.captures.length === 0} onClick={() => show({ kind: 'dossier', selection: { kind: 'case', ref: k.id }, label: t.dossierDialog.ofCase(k.name) })}>
            {c.dossier}…
          </button>
        </div>
        )}
      </header>
      <CaseSellers sellers={detail.sellers} />
      {hub ? null : <AddMemberForm />}
      <CaseListings listings={detail.listings} />
      <CaseCaptures captures={detail.captures} />
      {hub ? <HubCaseClaims claims={detail.hubMembers ?? []} /> : null}
      {hub ? null : <CaseTakedowns takedowns={detail.takedowns} listings={detail.listings} />}
      {hub ? null : <CaseDossiers dossiers={detail.dossiers} />}
    </div>
  );
}
