import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiError, CaptureView } from '../api/types.js';

interface CaptureState {
  id: string | null;
  view: CaptureView | null;
  error: string | null;
  load(id: string): Promise<void>;
  /** null when the correction is recorded, else why it was refused */
  correct(field: string, value: string, reason: string): Promise<ApiError | null>;
  /** null when the note is written (as a new version), else why it was refused */
  writeNote(text: string): Promise<ApiError | null>;
}

let latest = 0;

/** The capture on screen. */
export const useCapture = create<CaptureState>((set, get) => ({
  id: null,
  view: null,
  error: null,
  load: async (id) => {
    const ticket = ++latest;
    if (get().id !== id) set({ id, view: null, error: null });
    const r = await call('captures.get', { id });
    if (ticket !== latest) return;
    set(r.ok ? { view: r.value, error: null } : { view: null, error: r.error.message });
  },
  correct: async (field, value, reason) => {
    const id = get().id;
    if (!id) return null;
    const r = await call('captures.correct', { captureId: id, field, value, reason: reason.trim() });
    if (!r.ok) return r.error;
    await get().load(id);
    return null;
  },
  writeNote: async (text) => {
    const id = get().id;
    if (!id) return null;
    const r = await call('captures.note.set', { id, text });
    if (!r.ok) return r.error;
    // Read again: the custody table shows the change.
    await get().load(id);
    return null;
  },
}));
