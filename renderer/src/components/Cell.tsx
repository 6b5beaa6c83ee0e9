/**
 * A table cell's text cut to its column with an ellipsis, whole on hover
 * (title) and on focus: the cell can be reached with Tab, and focused it
 * shows all its text, wrapped, so a keyboard user reads what a mouse user does.
 */
export function Cell({ text, className }: { text: string; className?: string }) {
  return (
    <span className={`cell-text${className ? ` ${className}` : ''}`} title={text} tabIndex={0}>
      {text}
    </span>
  );
}
