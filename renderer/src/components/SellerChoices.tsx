import { useEffect, useState } from 'react';
import { call } from '../api/transport.js';
import { drop } from '../util/drop.js';
import { sellerLabel } from '../util/format.js';

/** Every seller of the workspace as MARKETPLACE:ID, offered while typing (whatever case the side bar shows). */
export function SellerChoices({ id }: { id: string }) {
  const [choices, setChoices] = useState<{ label: string; name: string | null }[]>([]);
  useEffect(() => {
    let live = true;
    drop(
      call('sellers.list', { limit: 5000 }).then((r) => {
        if (live && r.ok) setChoices(r.value.map((s) => ({ label: sellerLabel(s), name: s.displayName })));
      }),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <datalist id={id}>
      {choices.map((s) => (
        <option key={s.label} value={s.label}>
          {s.name ?? ''}
        </option>
      ))}
    </datalist>
  );
}
