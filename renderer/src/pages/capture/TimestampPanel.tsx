import type { CaptureView } from '../../api/types.js';
import { PendingLine, StampBadge, StampNow, TokenLine } from '../../components/Stamp.js';
import { useT } from '../../i18n/i18n.js';
import type { Strings } from '../../i18n/en.js';
import { useCapture } from '../../state/capture.js';
import { drop } from '../../util/drop.js';
import { localTime, utc } from '../../util/format.js';

/** The clock record of the signed manifest; captures made before the clock was checked have no check and no warning. */
interface TimeSource {
  clock?: string;
  ntpSynchronized?: boolean | null;
  check?: { status: 'checked'; server: string; offsetMs: number; roundTripMs: number; stratum: number; at: string } | { status: 'not-checked'; reason: string; at: string };
  warning?: string | null;
}

function timeSourceOf(view: CaptureView): TimeSource | null {
  const env = (view.manifest.provenance as { environment?: { timeSource?: TimeSource } | null }).environment;
  return env?.timeSource ?? null;
}

/**
 * Both times side by side: the machine's clock at the end of the capture
 * (checked against NTP, or said not to be), and what each authority vouches
 * for, with the gap between them. A pending stamp claims no time at all.
 */
export function TimestampPanel({ view }: { view: CaptureView }) {
  const t = useT();
  const s = t.stamp;
  const load = useCapture((st) => st.load);
  const stamp = view.timestamp;
  const machineAt = view.manifest.finishedAt;
  const source = timeSourceOf(view);
  const warning = clockWarning(t, source);
  return (
    <section className="card stamp-card" aria-label={s.title}>
      <h2>
        {s.title} <StampBadge status={stamp.status} />
      </h2>
      {warning ? (
        <p className="verdict warn clock-warning" role="note" data-testid="clock-warning">
          {t.common.labelled(s.warningTag)}
          {warning}
        </p>
      ) : null}
      <dl className="facts">
        <div className="fact">
          <dt>{s.machineTime}</dt>
          <dd>
            <span className="mono">{s.utc(utc(machineAt))}</span> <span className="muted small-text">· {s.local(localTime(machineAt, t.locale))}</span>
          </dd>
        </div>
        <div className="fact">
          <dt>{s.clock}</dt>
          <dd data-testid="clock-check">{clockLine(t, source)}</dd>
        </div>
        <div className="fact">
          <dt>{s.authorityTime}</dt>
          <dd data-testid="stamp-status" data-status={stamp.status}>
            {stamp.status === 'stamped' ? (
              stamp.tokens.map((token) => <TokenLine key={`${token.authorityUrl}-${token.name}`} token={token} machineAt={machineAt} />)
            ) : stamp.status === 'pending' ? (
              <>
                <PendingLine status={stamp} />
                <StampNow onDone={() => drop(load(view.capture.id))} />
              </>
            ) : (
              <span className="muted">{s.notStamped}</span>
            )}
          </dd>
        </div>
      </dl>
      <p className="muted small-text help stamp-explain">{stamp.status === 'pending' ? s.pendingExplain : s.explain}</p>
    </section>
  );
}

function clockLine(t: Strings, source: TimeSource | null): string {
  const c = source?.check;
  if (!c) return t.stamp.clockNotRecorded;
  if (c.status === 'checked') return t.stamp.clockChecked(c.server, c.offsetMs, c.roundTripMs);
  return t.stamp.clockNotChecked(c.reason);
}

/** The recorded warning, said in the screen's language from the check it was made from; as recorded when it cannot be. */
function clockWarning(t: Strings, source: TimeSource | null): string | null {
  if (!source?.warning) return null;
  const c = source.check;
  return c?.status === 'checked' ? t.stamp.clockWarning(c.server, c.offsetMs) : source.warning;
}
