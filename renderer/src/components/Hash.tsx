/** A hash or an id: monospace, selectable whole with one click, never shortened unless asked. */
export function Hash({ value, short }: { value: string; short?: boolean }) {
  return (
    <code className="hash" title={short ? value : undefined}>
      {short ? `${value.slice(0, 10)}…` : value}
    </code>
  );
}
