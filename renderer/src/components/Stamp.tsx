import { useState } from 'react';
import { call } from '../api/transport.js';
import type { StampRunResult, StampStatus, TimestampRecord } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import type { Strings } from '../i18n/en.js';
import { drop } from '../util/drop.js';
import { localTime, utc, utcPrecise } from '../util/format.js';
import { ErrorNote } from './ErrorNote.js';

/*
 * What a time-stamp token proves, said exactly and never more: that the
 * stamped manifest existed no later than the authority's time. A capture
 * waiting for its token says "pending", and claims nothing about that time.
 */

/** "existed no later than 2026-11-01 10:00:05.123 UTC (Authority, serial 42)" */
export function existedText(t: Strings, token: TimestampRecord): string {
  return t.stamp.existed(t.stamp.utc(utcPrecise(token.genTime)), token.authorityName, token.serial);
}

/** One token: what it proves in UTC, the same moment in local time, how far it falls from the machine's time, and its file. */
export function TokenLine({ token, machineAt }: { token: TimestampRecord; machineAt?: string }) {
  const t = useT();
  const gapMs = machineAt ? Date.parse(token.genTime) - Date.parse(machineAt) : Number.NaN;
  const details = [t.stamp.local(localTime(token.genTime, t.locale, true))];
  if (!Number.isNaN(gapMs)) details.push(gapMs === 0 ? t.stamp.sameTime : t.stamp.gap(t.stamp.amount(gapMs), gapMs > 0));
  details.push(t.stamp.file(token.name));
  return (
    <div className="stamp-token" data-testid="stamp-token" data-authority={token.authorityUrl}>
      <div className="stamp-claim">{existedText(t, token)}</div>
      <div className="muted small-text">{details.join(' · ')}</div>
    </div>
  );
}

/** Pending, with since when, how many tries, and the last error. */
export function PendingLine({ status }: { status: Extract<StampStatus, { status: 'pending' }> }) {
  const t = useT();
  return (
    <div className="stamp-pending" data-testid="stamp-pending">
      <div className="stamp-pending-title">{t.stamp.pending}</div>
      <div className="muted small-text">{pendingDetails(t, status)}</div>
    </div>
  );
}

export function pendingDetails(t: Strings, s: Extract<StampStatus, { status: 'pending' }>): string {
  return [t.stamp.queued(utc(s.queuedAt), s.attempts), s.lastError ? t.stamp.lastError(s.lastError) : null].filter(Boolean).join(' · ');
}

/** stamped in green, pending in amber, none in grey: always with words. */
export function StampBadge({ status }: { status: StampStatus['status'] }) {
  const t = useT();
  const [tone, text] = status === 'stamped' ? [' outcome-good', t.stamp.stamped] : status === 'pending' ? [' outcome-warn', t.stamp.pendingBadge] : ['', t.stamp.notStampedBadge];
  return (
    <span className={`badge stamp-badge${tone}`} data-stamp={status}>
      {text}
    </span>
  );
}

/** "Stamp now": asks every authority for what waits, says what came of it, then lets the screen read again. */
export function StampNow({ onDone, disabled = false }: { onDone(): void; disabled?: boolean }) {
  const t = useT();
  const [state, setState] = useState<{ kind: 'idle' | 'running' } | { kind: 'done'; result: StampRunResult } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  return (
    <div className="stamp-now">
      <div className="form-actions">
        <button
          type="button"
          className="small"
          disabled={disabled || state.kind === 'running'}
          onClick={() => {
            setState({ kind: 'running' });
            drop(
              call('stamp.run', {}).then((r) => {
                setState(r.ok ? { kind: 'done', result: r.value } : { kind: 'failed', message: r.error.message });
                onDone();
              }),
            );
          }}
        >
          {t.stamp.stampNow}
        </button>
        {state.kind === 'running' ? <span className="muted small-text">{t.stamp.stamping}</span> : null}
        {state.kind === 'done' ? (
          <span className={`small-text ${state.result.pending === 0 ? 'good-text' : 'muted'}`} role="status">
            {t.stamp.runResult(state.result.stamped, state.result.pending)}
          </span>
        ) : null}
      </div>
      {state.kind === 'done' && state.result.failures.length > 0 ? (
        <ul className="stamp-failures small-text">
          {state.result.failures.map((f, i) => (
            <li key={`${f.authority}-${i}`}>{t.stamp.failure(f.authority, f.error)}</li>
          ))}
        </ul>
      ) : null}
      {state.kind === 'failed' ? <ErrorNote message={state.message} /> : null}
    </div>
  );
}
