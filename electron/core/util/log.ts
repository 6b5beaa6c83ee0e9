/**
 * Exhibit's one logger, for what a part could not do and went on without (a
 * window place not saved, a step of quitting that failed): one JSON line on
 * stderr each, with a context from a closed set, so a program finds and reads
 * it and nothing is lost in a `.catch(() => undefined)`. Not for what a user
 * is told (the CLI's output and the UI do that), nor for evidence (custody).
 * Add a context here when a new part logs.
 */
export type LogContext = 'window-state' | 'quit';

export function logWarning(context: LogContext, message: string, error?: unknown): void {
  const line = { at: new Date().toISOString(), level: 'warn', context, message, ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }) };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
