import type { ApiError, ApiOperation } from './contract.js';

/** The door a call came in by: the desktop app's own window (IPC), or `exhibit serve` over loopback HTTP. */
export type Transport = 'desktop' | 'serve';

/**
 * Settings that name a program Exhibit runs. Over `exhibit serve` the session
 * lives in an ordinary browser, which many other pages share: one that got
 * hold of it could point the browser setting at any program, and the next
 * capture would run it. So a program is chosen only in the desktop app or
 * with `exhibit settings`, where nothing but the investigator can reach.
 */
const PROGRAM_SETTINGS: readonly { op: ApiOperation; field: string; refusal: string }[] = [
  {
    op: 'settings.update',
    field: 'browserPath',
    refusal:
      'The browser program cannot be changed through `exhibit serve`: a setting that makes Exhibit run a program is changed only in the desktop app or with `exhibit settings --browser PATH` (`exhibit serve --browser PATH` uses one for that session). Nothing was saved.',
  },
];

/** Why this call may not come in by this door, or null when it may. Checked on parsed input, before the handler runs. */
export function refusedOver(transport: Transport, op: ApiOperation, input: unknown): ApiError | null {
  if (transport !== 'serve' || typeof input !== 'object' || input === null) return null;
  const hit = PROGRAM_SETTINGS.find((s) => s.op === op && (input as Record<string, unknown>)[s.field] !== undefined);
  return hit ? { kind: 'refused', message: hit.refusal } : null;
}
