/** UTC with milliseconds, the form every stored timestamp takes. */
export function utcNow(): string {
  return new Date().toISOString();
}
