/**
 * The one way to start a promise and not wait for it: for clean-up whose
 * failure changes nothing (closing a pop-up, dismissing a dialog).
 */
export function drop(promise: Promise<unknown>): void {
  promise.catch(() => undefined);
}
