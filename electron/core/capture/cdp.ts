/**
 * The one thing the capture engine needs from a browser: a Chrome DevTools
 * Protocol session on one page. Playwright's CDPSession and Electron's
 * webContents.debugger both provide it, so the same engine runs on either.
 */
export interface CdpSession {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on(event: string, handler: (params: unknown) => void): () => void;
}

export class TimeoutError extends Error {
  constructor(readonly what: string, readonly ms: number) {
    super(`${what} did not finish within ${ms} ms`);
  }
}

/** Every browser call gets a bound: a hostile page must not hang a capture. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with the first event of this name that passes the test, or rejects after ms. */
export function waitForEvent<T>(cdp: CdpSession, event: string, ms: number, test: (params: T) => boolean = () => true): Promise<T> {
  let off: () => void = () => undefined;
  const seen = new Promise<T>((resolve) => {
    off = cdp.on(event, (params) => {
      if (test(params as T)) resolve(params as T);
    });
  });
  return withTimeout(seen, ms, `waiting for ${event}`).finally(() => off());
}
