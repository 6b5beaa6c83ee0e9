import type { ApiError, BrowserCaptured, BrowserCommand, BrowserPanelState } from './types.js';

export type PanelReply<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface BrowserPanel {
  /** capture answers with what was stored; every other command with the tab's state */
  command(c: Extract<BrowserCommand, { op: 'capture' }>): Promise<PanelReply<BrowserCaptured>>;
  command(c: Exclude<BrowserCommand, { op: 'capture' }>): Promise<PanelReply<BrowserPanelState>>;
  onState(listener: (state: BrowserPanelState) => void): () => void;
}

/**
 * The desktop app's browser panel, typed; null under `exhibit serve`, where
 * there is no panel. What comes back crosses a boundary: its shape is
 * checked before a screen trusts it.
 */
export function browserPanel(): BrowserPanel | null {
  const bridge = window.exhibit?.browser;
  if (!bridge) return null;
  const command = async (c: BrowserCommand): Promise<PanelReply<unknown>> => {
    try {
      const raw = await bridge.command(c);
      if (isObject(raw) && raw.ok === true && 'value' in raw) {
        const v = raw.value;
        if (c.op === 'capture' ? isCaptured(v) : isState(v)) return { ok: true, value: v };
      }
      if (isObject(raw) && raw.ok === false && isObject(raw.error) && typeof raw.error.message === 'string') {
        const kind = raw.error.kind;
        return { ok: false, error: { kind: kind === 'invalid-input' || kind === 'not-found' || kind === 'refused' ? kind : 'failed', message: raw.error.message } };
      }
      return { ok: false, error: { kind: 'failed', message: `browser ${c.op}: the answer was not understood.` } };
    } catch (e) {
      return { ok: false, error: { kind: 'failed', message: `browser ${c.op}: ${e instanceof Error ? e.message : String(e)}` } };
    }
  };
  return {
    command: command as BrowserPanel['command'],
    onState: (listener) =>
      bridge.onState((raw) => {
        if (isState(raw)) listener(raw);
      }),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isState(v: unknown): v is BrowserPanelState {
  return (
    isObject(v) &&
    typeof v.url === 'string' &&
    typeof v.title === 'string' &&
    typeof v.canGoBack === 'boolean' &&
    typeof v.canGoForward === 'boolean' &&
    typeof v.loading === 'boolean' &&
    (v.cleanedAt === null || typeof v.cleanedAt === 'string') &&
    Array.isArray(v.downloadsRefused) &&
    v.downloadsRefused.every((d) => isObject(d) && typeof d.url === 'string' && typeof d.filename === 'string' && typeof d.mimeType === 'string' && typeof d.at === 'string')
  );
}

function isCaptured(v: unknown): v is BrowserCaptured {
  return isObject(v) && typeof v.id === 'string' && typeof v.outcome === 'string' && isObject(v.filing);
}
