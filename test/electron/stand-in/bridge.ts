import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import type { Page } from 'playwright';
import ts from 'typescript';
import { drop } from '../../../electron/core/util/drop.js';
import type { StandInIpcMain } from './ipc-main.js';
import type { StandInWebContents } from './web-contents.js';

/**
 * The preload and contextBridge of a window, on a real Chromium page. The
 * real preload file runs here, in Node, with a `require('electron')` that
 * gives it the renderer side of the stand-in (contextBridge, ipcRenderer),
 * as a sandboxed preload gets only those. What it exposes reaches the page's
 * main world through one Playwright binding, so a call from the real
 * renderer bundle goes through the real preload into the real ipcMain
 * handlers. Deviation from Electron: every bridged function answers with a
 * promise (a binding cannot answer synchronously).
 */
type Shape = { type: 'function' } | { type: 'object'; props: Record<string, Shape> } | { type: 'value'; value: unknown };

const BINDING = '__standInBridge';

export async function installPreload(wc: StandInWebContents, page: Page, preloadPath: string, ipcMain: StandInIpcMain): Promise<void> {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      const handler = ipcMain.handlerFor(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const event = { sender: wc, frameId: 1, processId: 1, senderFrame: { url: wc.getURL(), parent: null } };
      try {
        return structuredClone(await handler(event, ...structuredClone(args)));
      } catch (e) {
        throw new Error(`Error invoking remote method '${channel}': ${String(e)}`);
      }
    },
    on: (channel: string, listener: (...a: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return ipcRenderer;
    },
    removeListener: (channel: string, listener: (...a: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) };
  wc.deliver = (channel, args) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: null }, ...structuredClone(args));
  };

  let code = readFileSync(preloadPath, 'utf8');
  if (/\.c?ts$/.test(preloadPath)) code = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} };
  const require = (name: string) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found: ${name} (a sandboxed preload may require only 'electron')`);
  };
  runInNewContext(code, { require, module, exports: module.exports, console }, { filename: preloadPath });

  const functions = new Map<number, (...a: unknown[]) => unknown>();
  let next = 0;
  const resolve = (path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], Object.fromEntries(exposed));
  const decodeArg = (v: unknown) =>
    v && typeof v === 'object' && '__standInCallback' in v
      ? (...a: unknown[]) => drop(page.evaluate(([id, args]) => (globalThis as unknown as { __standInCallbacks: Map<number, (...a: unknown[]) => void> }).__standInCallbacks.get(id as number)?.(...(args as unknown[])), [(v as { __standInCallback: number }).__standInCallback, a]))
      : v;
  await page.exposeBinding(BINDING, async (_source, path: string, ...rest: unknown[]) => {
    const [fn, args] = path === '__fn' ? [functions.get(rest[0] as number), rest[1] as unknown[]] : [resolve(path), rest[0] as unknown[]];
    if (typeof fn !== 'function') throw new Error(`not exposed: ${path}`);
    const result: unknown = await (fn as (...a: unknown[]) => unknown)(...args.map(decodeArg));
    if (typeof result === 'function') {
      functions.set(++next, result as (...a: unknown[]) => unknown);
      return { __standInFunction: next };
    }
    return result;
  });
  const shape = (v: unknown): Shape =>
    typeof v === 'function' ? { type: 'function' } : v && typeof v === 'object' ? { type: 'object', props: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) } : { type: 'value', value: v };
  for (const [key, api] of exposed) await page.addInitScript(mainWorld, [BINDING, key, shape(api)] as const);
}

/** Runs in the page: builds window[key] from the shape of what the preload exposed. */
function mainWorld([binding, key, shape]: readonly [string, string, Shape]): void {
  const w = globalThis as unknown as Record<string, unknown>;
  const bridge = w[binding] as (...a: unknown[]) => Promise<unknown>;
  if (!w.__standInCallbacks) Object.defineProperty(w, '__standInCallbacks', { value: new Map() });
  const callbacks = w.__standInCallbacks as Map<number, unknown>;
  const encode = (v: unknown) => {
    if (typeof v !== 'function') return v;
    const id = callbacks.size + 1;
    callbacks.set(id, v);
    return { __standInCallback: id };
  };
  const decode = (v: unknown) => (v && typeof v === 'object' && '__standInFunction' in v ? (...a: unknown[]) => bridge('__fn', (v as { __standInFunction: number }).__standInFunction, a.map(encode)) : v);
  const build = (s: Shape, path: string): unknown =>
    s.type === 'function'
      ? (...args: unknown[]) => bridge(path, args.map(encode)).then(decode)
      : s.type === 'object'
        ? Object.freeze(Object.fromEntries(Object.entries(s.props).map(([k, v]) => [k, build(v, path ? `${path}.${k}` : k)])))
        : s.value;
  Object.defineProperty(w, key, { value: build(shape, key), enumerable: true });
}
