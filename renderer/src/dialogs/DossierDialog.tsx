import { useState } from 'react';
import { call } from '../api/transport.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Hash } from '../components/Hash.js';
import { useOperation } from '../components/useAsync.js';
import { useI18n, type Lang } from '../i18n/i18n.js';
import { useDialogs, type DossierSelection } from '../state/dialogs.js';
import { DossierVerify } from './DossierVerify.js';

type Attach = 'none' | 'manifests' | 'all';
const BATES = /^[A-Za-z0-9._-]{0,20}$/;

/** A dossier of a seller, a case or captures chosen one by one: the same options, the same check. */
export function DossierDialog({ selection, label }: { selection: DossierSelection; label: string }) {
  const { t, lang: uiLang } = useI18n();
  const d = t.dossierDialog;
  const close = useDialogs((s) => s.close);
  const [lang, setLang] = useState<Lang>(uiLang);
  const [attach, setAttach] = useState<Attach>('manifests');
  const [bates, setBates] = useState('');
  const [op, start] = useOperation<'dossier.make'>();
  const batesOk = BATES.test(bates);
  const attachChoices: [Attach, string][] = [
    ['none', d.attachNone],
    ['manifests', d.attachManifests],
    ['all', d.attachAll],
  ];
  return (
    <Dialog title={d.title(label)} onClose={close} wide>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          start(() => call('dossier.make', { selection, lang, attach, ...(bates ? { bates } : {}) }));
        }}
      >
        <div className="row">
          <label>
            <span>{d.lang}</span>
            <select name="lang" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
              <option value="en">{t.language.enName}</option>
              <option value="fr">{t.language.frName}</option>
            </select>
          </label>
          <label>
            <span>{d.bates}</span>
            <input type="text" name="bates" value={bates} onChange={(e) => setBates(e.target.value)} maxLength={20} aria-invalid={!batesOk} className="mono" />
            <small className={batesOk ? 'muted' : 'bad-text'}>{d.batesHint}</small>
          </label>
        </div>
        <fieldset>
          <legend>{d.attach}</legend>
          {attachChoices.map(([value, text]) => (
            <label key={value} className="radio">
              <input type="radio" name="attach" value={value} checked={attach === value} onChange={() => setAttach(value)} /> {text}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={op.state === 'running' || !batesOk}>
            {d.make}
          </button>
          <button type="button" onClick={close}>
            {t.common.close}
          </button>
        </div>
      </form>
      {op.state === 'running' ? <p className="progress" role="status">{d.making}</p> : null}
      {op.state === 'failed' ? <ErrorNote message={op.error.message} /> : null}
      {op.state === 'done' ? (
        <section className="dossier-made" aria-label={d.made}>
          <h3 className="good-text">{d.made}</h3>
          <dl className="facts">
            <dt>{d.fileName}</dt>
            <dd className="mono">{op.value.fileName}</dd>
            <dt>{d.pages}</dt>
            <dd>{op.value.pages}</dd>
            <dt>{d.exhibits}</dt>
            <dd>{op.value.exhibits}</dd>
            <dt>{d.attachments}</dt>
            <dd>{op.value.attachments}</dd>
            <dt>{d.sha256}</dt>
            <dd>
              <Hash value={op.value.sha256} />
            </dd>
            <dt>{d.dossierId}</dt>
            <dd>
              <Hash value={op.value.dossierId} />
            </dd>
          </dl>
          <DossierVerify key={op.value.dossierId} dossierId={op.value.dossierId} />
        </section>
      ) : null}
    </Dialog>
  );
}
