import { sleep, withTimeout, type CdpSession } from '../cdp.js';
import type { NetworkRecorder } from '../network-recorder.js';

export interface SettleResult {
  scrolledTo: number;
  reachedBottom: boolean;
  networkQuiet: boolean;
  /** requests left open that never finish (long polling, streams, a PDF viewer's) */
  longLived: string[];
}

/**
 * Scrolls down a screen at a time so lazy images and listings load, then back
 * to the top. After each step the page is given two rendered frames (when
 * intersection observers run) as well as a moment, and at the bottom a longer
 * stay, so a loaded machine does not scroll past lazy content before its
 * observer fired; content that grows the page at the bottom is scrolled to.
 */
const SCROLL_SCRIPT = `(async (deadline) => {
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  const frames = () => Promise.race([new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))), wait(500)]);
  const pageHeight = () => Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);
  const step = Math.max(200, Math.floor(window.innerHeight * 0.9));
  let y = 0;
  let reached = false;
  while (Date.now() < deadline) {
    if (y + window.innerHeight >= pageHeight()) {
      await frames();
      await wait(250);
      if (y + window.innerHeight >= pageHeight()) { reached = true; break; }
    }
    y += step;
    window.scrollTo(0, y);
    await frames();
    await wait(60);
  }
  window.scrollTo(0, 0);
  return { y, reached };
})`;

/**
 * Lets lazy content arrive: scroll through the page, then wait until the
 * network has been quiet for quietMs — all within boundMs.
 */
export async function settle(cdp: CdpSession, recorder: NetworkRecorder, bounds: { boundMs: number; quietMs: number }): Promise<SettleResult> {
  const deadline = Date.now() + bounds.boundMs;
  const scrollBudget = Math.floor(bounds.boundMs * 0.6);
  const scrolled = await withTimeout(
    cdp.send<{ result: { value?: { y: number; reached: boolean } } }>('Runtime.evaluate', {
      expression: `${SCROLL_SCRIPT}(${Date.now() + scrollBudget})`,
      awaitPromise: true,
      returnByValue: true,
    }),
    scrollBudget + 2000,
    'scrolling through the page',
  );
  // A request open longer than this, with nothing else happening, is one
  // that never ends (long polling, an event stream, the PDF viewer's): it
  // does not keep the page from counting as settled.
  const longLivedMs = Math.min(5000, Math.floor(bounds.boundMs / 2));
  let networkQuiet = false;
  let longLived: string[] = [];
  while (Date.now() < deadline) {
    const open = recorder.openRequests();
    if (recorder.quietFor >= bounds.quietMs && open.every((r) => r.ageMs >= longLivedMs)) {
      networkQuiet = true;
      longLived = open.map((r) => r.url);
      break;
    }
    await sleep(50);
  }
  const value = scrolled.result.value ?? { y: 0, reached: false };
  return { scrolledTo: value.y, reachedBottom: value.reached, networkQuiet, longLived };
}
