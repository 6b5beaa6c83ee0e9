import { useT } from '../../i18n/i18n.js';
import { useDialogs } from '../../state/dialogs.js';

/** In a web browser there is no panel to show: said plainly, with the batch capture offered in its place. */
export function DesktopOnly() {
  const t = useT();
  const b = t.browserPage;
  const show = useDialogs((s) => s.show);
  return (
    <div className="page">
      <header className="page-head">
        <h1>{b.title}</h1>
      </header>
      <section className="card desktop-only" aria-label={b.desktopOnlyTitle}>
        <h2>{b.desktopOnlyTitle}</h2>
        <p>{b.desktopOnly}</p>
        <p>{b.batchInstead}</p>
        <div className="form-actions">
          <button type="button" className="primary" onClick={() => show({ kind: 'capture' })}>
            {b.batchButton}
          </button>
        </div>
      </section>
    </div>
  );
}
