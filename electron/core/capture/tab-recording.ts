import type { CdpSession } from './cdp.js';
import { NetworkRecorder, type Exchange } from './network-recorder.js';

interface RequestWillBeSent {
  type?: string;
  frameId?: string;
  redirectResponse?: unknown;
  request: { url: string };
}

/**
 * The investigator's own tab, recorded from the moment it opened: every
 * request and response of the page on screen is kept, so a capture takes the
 * page as the investigator sees it, without loading it again (a reload can
 * show another price, another seller, or a captcha). Only the current page's
 * traffic is held: a new top-level navigation starts afresh, which bounds
 * memory over a day of browsing and keeps earlier sites (a login, a webmail)
 * out of the evidence.
 */
export class TabRecording {
  private pageStartedAt: number;
  private off: (() => void) | null = null;

  private constructor(
    readonly recorder: NetworkRecorder,
    readonly mainFrameId: string,
    readonly openedAt: number,
  ) {
    this.pageStartedAt = openedAt;
  }

  static async start(cdp: CdpSession): Promise<TabRecording> {
    const recorder = new NetworkRecorder(cdp);
    await Promise.all([recorder.start(), cdp.send('Page.enable')]);
    const tree = await cdp.send<{ frameTree: { frame: { id: string } } }>('Page.getFrameTree');
    const tab = new TabRecording(recorder, tree.frameTree.frame.id, Date.now());
    // Subscribed after the recorder: its exchange for this request is already kept when this runs.
    tab.off = cdp.on('Network.requestWillBeSent', (p) => tab.onRequest(p as RequestWillBeSent));
    return tab;
  }

  /** The current page's exchanges, from its top-level navigation (with its redirects) on. */
  currentPage(): Exchange[] {
    return this.recorder.exchanges;
  }

  /** When the page on screen started loading (or the tab opened, if it has not navigated since). */
  get currentPageSince(): number {
    return this.pageStartedAt;
  }

  stop(): void {
    this.off?.();
    this.recorder.stop();
  }

  private onRequest(p: RequestWillBeSent): void {
    if (p.type !== 'Document' || p.frameId !== this.mainFrameId || p.redirectResponse !== undefined) return;
    const exchanges = this.recorder.exchanges;
    // Everything before the navigation that just started belongs to the page before.
    exchanges.splice(0, exchanges.length - 1);
    this.pageStartedAt = Date.now();
  }
}
