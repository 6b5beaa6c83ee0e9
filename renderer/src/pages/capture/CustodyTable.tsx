import type { CustodyLine } from '../../api/types.js';
import { Hash } from '../../components/Hash.js';
import { useI18n } from '../../i18n/i18n.js';
import { utc } from '../../util/format.js';

/** Every logged event about this capture, in order and in words: the custody log is append-only and chained by hash. */
export function CustodyTable({ entries }: { entries: CustodyLine[] }) {
  const { t, lang } = useI18n();
  return (
    <section className="card" aria-label={t.capture.custody}>
      <h2>
        {t.capture.custody} <span className="count">{entries.length}</span>
      </h2>
      <div className="table-scroll">
        <table className="dense custody fit">
          <thead>
            <tr>
              <th className="num col-seq">{t.capture.seq}</th>
              <th className="col-time">{t.capture.at}</th>
              <th className="col-action">{t.capture.action}</th>
              <th className="col-who">{t.capture.by}</th>
              <th className="col-details">{t.capture.details}</th>
              <th className="col-hash">{t.capture.hash}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} data-action={e.action}>
                <td className="num">{e.seq}</td>
                <td className="mono nowrap">{utc(e.at)}</td>
                <td>
                  <code className="action">{e.action}</code>
                </td>
                <td className="wrap">{e.investigator || e.osUser}</td>
                <td className="custody-details wrap">
                  <Details words={e.words[lang]} json={e.details} />
                </td>
                <td>
                  <Hash value={e.hash} short />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The entry in words; the details as stored (canonical JSON, what the hash covers) when opened. */
function Details({ words, json }: { words: string; json: string }) {
  const t = useI18n((s) => s.t);
  return (
    <>
      <span className="custody-words">{words}</span>
      <details className="custody-raw">
        <summary className="small-text muted">{t.custodyWords.raw}</summary>
        <pre className="details">{pretty(json)}</pre>
      </details>
    </>
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
