import { useState } from 'react';
import { onHub } from '../../api/transport.js';
import { useT } from '../../i18n/i18n.js';
import { useCase } from '../../state/case.js';
import { drop } from '../../util/drop.js';

/** A member's Remove button, with the refusal said beside it. */
export function RemoveButton({ kind, refId, what }: { kind: 'seller' | 'listing' | 'capture'; refId: string; what: string }) {
  const t = useT();
  const remove = useCase((s) => s.remove);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The team hub is read-only: a member is removed in the workspace that added it, and the next push says so.
  if (onHub()) return null;
  return (
    <>
      <button
        type="button"
        className="small"
        disabled={busy}
        aria-label={t.casePage.removeLabel(what)}
        onClick={() => {
          setBusy(true);
          drop(
            remove([{ kind, ref: refId }]).then((e) => {
              setBusy(false);
              setError(e?.message ?? null);
            }),
          );
        }}
      >
        {t.casePage.remove}
      </button>
      {error ? <span className="bad-text small-text" role="alert"> {error}</span> : null}
    </>
  );
}
