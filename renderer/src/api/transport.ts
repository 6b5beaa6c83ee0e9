import type { ApiError, ApiInput, ApiOperation, ApiResponse } from './types.js';

/** What the Electron preload exposes; the same envelopes as the HTTP transport. */
export interface ExhibitBridge {
  call(op: string, args: unknown): Promise<unknown>;
  /** the application menu's commands, e.g. 'capture' */
  onMenu?(listener: (command: string) => void): void;
  artifactUrl?(captureId: string, name: string): string;
  /** the desktop app's browser panel (see browser-panel.ts); absent under `exhibit serve` */
  browser?: {
    command(command: unknown): Promise<unknown>;
    /** returns the function that stops listening */
    onState(listener: (state: unknown) => void): () => void;
  };
}

declare global {
  interface Window {
    exhibit?: ExhibitBridge;
  }
}

/**
 * One typed call into the API: through the preload in Electron, else over
 * loopback HTTP to `exhibit serve`. Failures of the transport itself come
 * back as envelopes too, so a screen handles one shape.
 */
export async function call<K extends ApiOperation>(op: K, input: ApiInput<K>): Promise<ApiResponse<K>> {
  try {
    const raw = window.exhibit ? await window.exhibit.call(op, input) : await overHttp(op, input);
    return asEnvelope<K>(raw, op);
  } catch (e) {
    return failure('failed', `${op}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Where an artifact's bytes are served: usable directly as an <img src> (over `exhibit serve`, with the token, sent only to this origin). */
export function artifactUrl(captureId: string, name: string): string {
  if (window.exhibit?.artifactUrl) return window.exhibit.artifactUrl(captureId, name);
  return `/artifact/${encodeURIComponent(captureId)}/${encodeURIComponent(name)}?token=${encodeURIComponent(token())}`;
}

/** True when the app runs in a plain browser, from `exhibit serve`, rather than in the desktop app. */
export function overServe(): boolean {
  return !window.exhibit;
}

/** Menu commands from the Electron shell; in a plain browser there is no menu. */
export function onMenu(listener: (command: string) => void): void {
  window.exhibit?.onMenu?.(listener);
}

const TOKEN_KEY = 'exhibit.token';
let kept = '';
let hub: string | null = null;

/**
 * The team hub's name when the app is served by `exhibit hub serve` (its page
 * says so in a <meta> on every load), else null: the hub is read-only, and
 * the screens leave out what it cannot do before they ask it anything.
 */
export function hubName(): string | null {
  if (window.exhibit) return null;
  hub ??= document.querySelector<HTMLMetaElement>('meta[name="exhibit-hub"]')?.content ?? '';
  return hub === '' ? null : hub;
}

/** True when this is the team hub's app (read-only). */
export function onHub(): boolean {
  return hubName() !== null;
}

/**
 * Over `exhibit serve`, the page opened from the printed URL carries the
 * session's token once, in a <meta>. It is kept in this tab's sessionStorage,
 * which (unlike a cookie) belongs to this origin alone, port included, and
 * the token leaves the address bar. A reload finds it there; a tab opened
 * by hand has none, and the API says to open the printed URL again.
 */
export function adoptServeToken(): void {
  if (window.exhibit) return;
  const meta = document.querySelector<HTMLMetaElement>('meta[name="exhibit-token"]');
  if (!meta) return;
  kept = meta.content;
  meta.remove();
  try {
    sessionStorage.setItem(TOKEN_KEY, kept);
  } catch {
    // Storage refused (a private mode): the token lives as long as this page.
  }
  const url = new URL(window.location.href);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

function token(): string {
  if (kept) return kept;
  try {
    kept = sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    kept = '';
  }
  return kept;
}

async function overHttp(op: string, input: unknown): Promise<unknown> {
  const res = await fetch(`/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Exhibit-Token': token() },
    body: JSON.stringify(input),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (res.status === 401 || res.status === 403) {
    return failure('refused', onHub() ? 'This session is no longer valid: open the hub again with your token (/?token=YOUR_TOKEN).' : 'This session is no longer valid: open Exhibit again from the link `exhibit serve` printed.');
  }
  if (!res.ok) return failure('failed', `${op}: the server answered HTTP ${res.status}.`);
  return res.json();
}

/** The response crosses a boundary: check its shape before the screens trust it. */
function asEnvelope<K extends ApiOperation>(raw: unknown, op: string): ApiResponse<K> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    if (raw.ok === true && 'value' in raw) return raw as ApiResponse<K>;
    if (raw.ok === false && 'error' in raw && isApiError(raw.error)) return { ok: false, error: raw.error };
  }
  return failure('failed', `${op}: the answer was not an API response.`);
}

function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'kind' in e && 'message' in e && typeof e.message === 'string';
}

function failure(kind: ApiError['kind'], message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { kind, message } };
}

/** A tile of a full-page screenshot (electron/core/imaging/view-tiles.ts), as an <img src>. */
export function tileUrl(captureId: string, name: string, level: number, col: number, row: number): string {
  const path = `${encodeURIComponent(captureId)}/${encodeURIComponent(name)}/${level}/${col}/${row}`;
  if (window.exhibit) return `exhibit-artifact://tile/${path}`;
  return `/tile/${path}?token=${encodeURIComponent(token())}`;
}

/** A page archive (MHTML) shown as one page, for a sandboxed frame. */
export function pageViewUrl(captureId: string, name: string): string {
  const path = `${encodeURIComponent(captureId)}/${encodeURIComponent(name)}`;
  if (window.exhibit) return `exhibit-artifact://view/${path}`;
  return `/view/${path}?token=${encodeURIComponent(token())}`;
}

/** Where an artifact downloads from, under `exhibit serve`; null in the desktop app, whose downloads are not links. */
export function downloadUrl(captureId: string, name: string): string | null {
  if (window.exhibit) return null;
  return `/artifact/${encodeURIComponent(captureId)}/${encodeURIComponent(name)}?download&token=${encodeURIComponent(token())}`;
}

/** Where a dossier is read (or, with download, saved) under `exhibit serve`; null in the desktop app, which opens it in the system's reader. */
export function dossierUrl(dossierId: string, download: boolean): string | null {
  if (window.exhibit) return null;
  return `/dossier/${encodeURIComponent(dossierId)}?${download ? 'download&' : ''}token=${encodeURIComponent(token())}`;
}
