import { create } from 'zustand';
import type { ApiInput } from '../api/types.js';

export type DossierSelection = ApiInput<'dossier.make'>['selection'];

export type OpenDialog =
  | { kind: 'capture' }
  | { kind: 'verify-workspace' }
  | { kind: 'new-case' }
  /** label: who or what the dossier is of, as the title says it */
  | { kind: 'dossier'; selection: DossierSelection; label: string };

/** At most one dialog at a time. */
export const useDialogs = create<{ open: OpenDialog | null; show(d: OpenDialog): void; close(): void }>((set) => ({
  open: null,
  show: (open) => set({ open }),
  close: () => set({ open: null }),
}));
