import { useState } from 'react';
import { useT } from '../../i18n/i18n.js';
import { useCase } from '../../state/case.js';
import { drop } from '../../util/drop.js';
import { SellerChoices } from '../../components/SellerChoices.js';

type Kind = 'seller' | 'listing' | 'capture';

/** Adds a seller (MARKETPLACE:ID, with all its listings), a listing or a capture (by Exhibit's id) to the case on screen. */
export function AddMemberForm() {
  const t = useT();
  const c = t.casePage;
  const add = useCase((s) => s.add);
  const [kind, setKind] = useState<Kind>('seller');
  const [ref, setRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card inline-form add-member"
      aria-label={c.addMember}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ref.trim()) return;
        setBusy(true);
        drop(
          add([{ kind, ref: ref.trim() }]).then((err) => {
            setBusy(false);
            setError(err?.message ?? null);
            if (!err) setRef('');
          }),
        );
      }}
    >
      <h2>{c.addMember}</h2>
      <label>
        <span>{c.memberKind}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="seller">{c.kinds.seller}</option>
          <option value="listing">{c.kinds.listing}</option>
          <option value="capture">{c.kinds.capture}</option>
        </select>
      </label>
      <label className="grow">
        <span>{c.refLabels[kind]}</span>
        <input type="text" value={ref} onChange={(e) => setRef(e.target.value)} list={kind === 'seller' ? 'case-seller-choices' : undefined} maxLength={400} required />
      </label>
      {kind === 'seller' ? <SellerChoices id="case-seller-choices" /> : null}
      <button type="submit" className="small" disabled={busy || !ref.trim()}>
        {c.add}
      </button>
      {error ? (
        <p className="bad-text small-text" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
