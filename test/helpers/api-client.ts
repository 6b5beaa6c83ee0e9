import { expect } from 'vitest';
import type { Served } from '../../electron/serve/http-transport.js';

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };

/** Calls the API as the renderer does over `exhibit serve`: POST /api/OP with the token. */
export function apiClient(served: () => Served) {
  async function api<T = unknown>(op: string, args: unknown): Promise<Envelope<T>> {
    const s = served();
    const res = await fetch(`${s.origin}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-exhibit-token': s.token }, body: JSON.stringify(args) });
    expect(res.status).toBe(200);
    return (await res.json()) as Envelope<T>;
  }
  async function value<T>(op: string, args: unknown): Promise<T> {
    const r = await api<T>(op, args);
    if (!r.ok) throw new Error(`${op}: ${r.error.kind}: ${r.error.message}`);
    return r.value;
  }
  return { api, value };
}
