import { create } from 'zustand';
import type { ApiInput, WatchTargetKind } from '../api/types.js';

export type DossierSelection = ApiInput<'dossier.make'>['selection'];

/** A listing as the takedown dialog names it. */
export interface ListingRef {
  id: string;
  /** MARKETPLACE:ID */
  label: string;
  marketplace: string;
  url: string;
}

export type OpenDialog =
  | { kind: 'capture' }
  | { kind: 'verify-workspace' }
  | { kind: 'new-case' }
  /** label: who or what the dossier is of, as the title says it */
  | { kind: 'dossier'; selection: DossierSelection; label: string }
  /** ref: Exhibit's id of the listing, seller or case; label: how a person names it */
  | { kind: 'watch'; target: { kind: WatchTargetKind; ref: string; label: string } }
  | { kind: 'report'; listing: ListingRef };

/** At most one dialog at a time. */
export const useDialogs = create<{ open: OpenDialog | null; show(d: OpenDialog): void; close(): void }>((set) => ({
  open: null,
  show: (open) => set({ open }),
  close: () => set({ open: null }),
}));
