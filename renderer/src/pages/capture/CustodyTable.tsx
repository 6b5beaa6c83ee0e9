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
      {/* Two columns, so it reads in the capture page's narrow column too: the entry (number, time, who, hash), then what happened in words. */}
      <table className="dense custody fit">
        <thead>
          <tr>
            <th className="col-entry">
              {t.capture.seq} · {t.capture.at}
              <span className="visually-hidden">
                {' '}
                · {t.capture.by} · {t.capture.hash}
              </span>
            </th>
            <th className="col-details">
              {t.capture.action} · {t.capture.details}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-action={e.action}>
              <td className="entry-cell">
                <span className="entry-seq">#{e.seq}</span> <span className="mono when">{utc(e.at)}</span>
                <span className="entry-who">{e.investigator || e.osUser}</span>
                <Hash value={e.hash} short />
              </td>
              <td className="custody-details">
                <code className="action">{e.action}</code>
                <Details words={e.words[lang]} json={e.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
