import type { CustodyEntry } from '../../api/types.js';
import { Hash } from '../../components/Hash.js';
import { useT } from '../../i18n/i18n.js';
import { utc } from '../../util/format.js';

/** Every logged event about this capture, in order: the custody log is append-only and chained by hash. */
export function CustodyTable({ entries }: { entries: CustodyEntry[] }) {
  const t = useT();
  return (
    <section className="card" aria-label={t.capture.custody}>
      <h2>
        {t.capture.custody} <span className="count">{entries.length}</span>
      </h2>
      <table className="dense custody">
        <thead>
          <tr>
            <th className="num">{t.capture.seq}</th>
            <th>{t.capture.at}</th>
            <th>{t.capture.action}</th>
            <th>{t.capture.by}</th>
            <th>{t.capture.details}</th>
            <th>{t.capture.hash}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-action={e.action}>
              <td className="num">{e.seq}</td>
              <td className="mono nowrap">{utc(e.at)}</td>
              <td className="nowrap">{e.action}</td>
              <td className="nowrap">{e.investigator}</td>
              <td className="custody-details">
                <Details json={e.details} />
              </td>
              <td>
                <Hash value={e.hash} short />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The entry's details as stored (canonical JSON), one line until opened. */
function Details({ json }: { json: string }) {
  return (
    <details>
      <summary>
        <code className="details">{json}</code>
      </summary>
      <pre className="details">{pretty(json)}</pre>
    </details>
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
