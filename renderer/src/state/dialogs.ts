import { create } from 'zustand';

export type OpenDialog =
  | { kind: 'capture' }
  | { kind: 'verify-workspace' }
  | { kind: 'new-case' }
  | { kind: 'dossier'; sellerId: string; label: string };

/** At most one dialog at a time. */
export const useDialogs = create<{ open: OpenDialog | null; show(d: OpenDialog): void; close(): void }>((set) => ({
  open: null,
  show: (open) => set({ open }),
  close: () => set({ open: null }),
}));
