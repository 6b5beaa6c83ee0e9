import { useCases } from '../state/cases.js';

/** The case a capture is filed under, chosen among the workspace's cases (or none). */
export function CaseSelect({ label, none, value, onChange, disabled = false }: { label: string; none: string; value: string; onChange: (id: string) => void; disabled?: boolean }) {
  const cases = useCases((s) => s.cases);
  return (
    <label>
      <span>{label}</span>
      <select name="case" value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        <option value="">{none}</option>
        {cases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
