import { z } from 'zod';

/*
 * What the app's page may ask of the desktop app's browser panel
 * (electron/main/browser-panel.ts), and what it hears back. Kept here,
 * without Electron, so the renderer can share its types.
 */

const bounds = z.strictObject({ x: z.number().int().min(0), y: z.number().int().min(0), width: z.number().int().min(0).max(20000), height: z.number().int().min(0).max(20000) });

export const BROWSER_COMMAND = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('go'), url: z.string().max(8000) }),
  z.strictObject({ op: z.literal('back') }),
  z.strictObject({ op: z.literal('forward') }),
  z.strictObject({ op: z.literal('reload') }),
  z.strictObject({ op: z.literal('clean') }),
  /** where the page is drawn, in the window's CSS pixels */
  z.strictObject({ op: z.literal('show'), bounds }),
  z.strictObject({ op: z.literal('hide') }),
  z.strictObject({ op: z.literal('capture'), caseRef: z.string().max(200).optional(), note: z.string().max(2000).optional() }),
]);

export type BrowserCommand = z.infer<typeof BROWSER_COMMAND>;

/** A file a site in the panel started to download: refused (never saved, no dialog), and told to the investigator. */
export interface RefusedDownload {
  url: string;
  filename: string;
  mimeType: string;
  /** when it was refused, ISO 8601 UTC */
  at: string;
}

/** The panel's tab as it is now: sent after every command and on every navigation. */
export interface BrowserPanelState {
  url: string;
  title: string;
  canGoBack: boolean;
  canGoForward: boolean;
  loading: boolean;
  /** when "Clean session" last emptied the panel's cookies, cache and storage; null: the kept session */
  cleanedAt: string | null;
  /** downloads refused while the app has been open, oldest first */
  downloadsRefused: RefusedDownload[];
}

/** What Capture stored. */
export interface BrowserCaptured {
  id: string;
  outcome: string;
  filing: { listingId: string | null; sellerId: string | null; caseId: string | null };
}
