import type { FieldChange } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';

/** Each tracked field that changed: what the earlier capture showed → what this one shows. */
export function ChangeList({ changes }: { changes: readonly FieldChange[] }) {
  const t = useT();
  const tl = t.timeline;
  if (changes.length === 0) return null;
  const value = (v: FieldChange['before']) => (v === null ? tl.none : Array.isArray(v) ? tl.images(v.length) : v);
  return (
    <ul className="plain changes">
      {changes.map((c) => (
        <li key={c.field} data-field={c.field}>
          <span className="change-field">{tl.fields[c.field] ?? c.field}</span> <span className="before">{value(c.before)}</span>
          <span className="arrow">{' → '}</span>
          <span className="after">{value(c.after)}</span>
        </li>
      ))}
    </ul>
  );
}
