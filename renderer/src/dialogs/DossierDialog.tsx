import { useState } from 'react';
import { call } from '../api/transport.js';
import type { DossierProgress, MadeDossierFile } from '../api/types.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { DossierFileActions } from '../components/DossierFileActions.js';
import { Hash } from '../components/Hash.js';
import { useJob } from '../components/useJob.js';
import { useI18n, useT, type Lang } from '../i18n/i18n.js';
import { useDialogs, type DossierSelection } from '../state/dialogs.js';
import { hrefOf } from '../state/router.js';
import { DossierVerify } from './DossierVerify.js';
import { LongWorkProgress } from './LongWorkProgress.js';

type Attach = 'none' | 'manifests' | 'all';
const BATES = /^[A-Za-z0-9._-]{0,20}$/;

const dossierOps = { status: () => call('dossier.status', {}), cancel: () => call('dossier.cancel', {}) };

/** A dossier of a seller, a case or captures chosen one by one: the same options, the same check. */
export function DossierDialog({ selection, label }: { selection: DossierSelection; label: string }) {
  const { t, lang: uiLang } = useI18n();
  const d = t.dossierDialog;
  const close = useDialogs((s) => s.close);
  const [lang, setLang] = useState<Lang>(uiLang);
  const [attach, setAttach] = useState<Attach>('manifests');
  const [bates, setBates] = useState('');
  // Made in the background: closing the dialog does not stop it; opening it again shows it.
  const job = useJob(dossierOps);
  const batesOk = BATES.test(bates);
  const busy = job.starting || job.running !== null;
  const attachChoices: [Attach, string][] = [
    ['none', d.attachNone],
    ['manifests', d.attachManifests],
    ['all', d.attachAll],
  ];
  const outcome = job.last?.outcome;
  return (
    <Dialog title={d.title(label)} onClose={close} wide>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          job.start(() => call('dossier.start', { selection, lang, attach, ...(bates ? { bates } : {}) }));
        }}
      >
        <div className="row">
          <label>
            <span>{d.lang}</span>
            <select name="lang" value={lang} onChange={(e) => setLang(e.target.value as Lang)} disabled={busy}>
              <option value="en">{t.language.enName}</option>
              <option value="fr">{t.language.frName}</option>
            </select>
          </label>
          <label>
            <span>{d.bates}</span>
            <input type="text" name="bates" value={bates} onChange={(e) => setBates(e.target.value)} maxLength={20} aria-invalid={!batesOk} className="mono" disabled={busy} />
            <small className={batesOk ? 'muted' : 'bad-text'}>{d.batesHint}</small>
          </label>
        </div>
        <fieldset disabled={busy}>
          <legend>{d.attach}</legend>
          {attachChoices.map(([value, text]) => (
            <label key={value} className="radio">
              <input type="radio" name="attach" value={value} checked={attach === value} onChange={() => setAttach(value)} /> {text}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !job.loaded || !batesOk}>
            {d.make}
          </button>
          <button type="button" onClick={close}>
            {t.common.close}
          </button>
        </div>
      </form>
      {job.running ? <DossierRunning progress={job.running.progress} cancelling={job.cancelling} onCancel={job.cancel} /> : null}
      {job.starting && !job.running ? (
        <p className="progress" role="status">
          {d.making}
        </p>
      ) : null}
      {job.error ? <ErrorNote message={job.error.message} /> : null}
      {!job.running && outcome?.kind === 'cancelled' ? (
        <p className="verdict warn dossier-outcome" role="status">
          {t.longWork.dossierCancelled}
        </p>
      ) : null}
      {!job.running && outcome?.kind === 'failed' ? <ErrorNote message={`${t.longWork.dossierFailed} ${outcome.message}`} /> : null}
      {!job.running && outcome?.kind === 'done' ? <DossierMade made={outcome.value} /> : null}
    </Dialog>
  );
}

/** The phases in order, each with its share of the bar: drawing the exhibits is most of the work. */
const SHARE: Record<DossierProgress['phase'], [number, number]> = { checking: [0, 10], exhibits: [10, 85], attaching: [85, 97], writing: [97, 100] };

function DossierRunning({ progress, cancelling, onCancel }: { progress: DossierProgress | null; cancelling: boolean; onCancel(): void }) {
  const t = useT();
  const w = t.longWork;
  if (!progress) return <LongWorkProgress label={t.dossierDialog.making} text={w.dossierStarting} cancelling={cancelling} onCancel={onCancel} />;
  const [from, to] = SHARE[progress.phase];
  const pct = Math.round(from + ((to - from) * progress.done) / Math.max(1, progress.total));
  const p = progress;
  const text =
    p.phase === 'checking'
      ? w.dossierPhase.checking(p.done, p.total)
      : p.phase === 'exhibits'
        ? w.dossierPhase.exhibits(p.done, p.total, p.pages)
        : p.phase === 'attaching'
          ? w.dossierPhase.attaching(p.done, p.total)
          : w.dossierPhase.writing(p.pages);
  return <LongWorkProgress label={t.dossierDialog.making} value={pct} max={100} text={text} cancelling={cancelling} onCancel={onCancel} />;
}

function DossierMade({ made }: { made: MadeDossierFile }) {
  const t = useT();
  const d = t.dossierDialog;
  const f = t.dossierFile;
  const close = useDialogs((s) => s.close);
  return (
    <section className="dossier-made" aria-label={d.made}>
      <h3 className="good-text">{d.made}</h3>
      <dl className="facts">
        <dt>{d.fileName}</dt>
        <dd className="mono">{made.fileName}</dd>
        <dt>{d.pages}</dt>
        <dd>{made.pages}</dd>
        <dt>{d.exhibits}</dt>
        <dd>{made.exhibits}</dd>
        <dt>{d.attachments}</dt>
        <dd>{made.attachments}</dd>
        <dt>{d.sha256}</dt>
        <dd>
          <Hash value={made.sha256} />
        </dd>
        <dt>{d.dossierId}</dt>
        <dd>
          <Hash value={made.dossierId} />
        </dd>
        <dt>{d.signedBy}</dt>
        <dd title={made.signature.subject}>{made.signature.name}</dd>
        <dt>{d.timestamp}</dt>
        <dd className="wrap">
          {made.signature.timestamp ? d.timestampAt(made.signature.timestamp.genTime, made.signature.timestamp.authority) : d.timestampPending(made.path)}
        </dd>
      </dl>
      <DossierVerify key={made.dossierId} dossierId={made.dossierId} />
      <div className="dossier-file">
        <dl className="facts">
          <dt>{f.path}</dt>
          <dd className="mono wrap dossier-path">{made.path}</dd>
        </dl>
        <div className="form-actions">
          <DossierFileActions dossierId={made.dossierId} file={made.fileName} />
          <a href={hrefOf({ page: 'dossiers' })} onClick={close}>
            {f.allDossiers}
          </a>
        </div>
      </div>
    </section>
  );
}
