import { useDialogs } from '../state/dialogs.js';

/** The search box the top bar holds; Ctrl/Cmd+K puts the cursor in it. */
export const SEARCH_INPUT_ID = 'global-search';

/**
 * The web UI's keyboard shortcuts: Ctrl/Cmd+K for search, Ctrl/Cmd+Shift+S
 * to capture (the desktop menu has the same accelerator; opening the dialog
 * twice is opening it once). Returns the function that removes them.
 */
export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'k' && !e.shiftKey) {
      const input = document.getElementById(SEARCH_INPUT_ID);
      if (input instanceof HTMLInputElement) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    } else if (key === 's' && e.shiftKey) {
      e.preventDefault();
      // A modal dialog already open keeps the screen: the capture dialog waits for it to close.
      if (!useDialogs.getState().open) useDialogs.getState().show({ kind: 'capture' });
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
