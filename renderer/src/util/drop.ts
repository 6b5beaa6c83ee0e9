/**
 * The one way to start async work without awaiting it (an event handler
 * cannot): a failure is still reported, never silently lost.
 */
export function drop(work: Promise<unknown>): void {
  work.catch((e: unknown) => console.error('Exhibit UI:', e));
}
