import { displayJson, displayText, fitColumn } from '../core/util/display-text.js';

/**
 * Where a command writes: results to stdout, people-facing trouble to stderr.
 * Everything goes through displayText / displayJson here, so text from a page
 * or the database never reaches the terminal as control characters, whichever
 * command prints it.
 */
export interface Output {
  readonly json: boolean;
  /** a line (or lines: Exhibit's own line breaks are kept) for a person */
  line(text?: string): void;
  /** text for a person, as it is, without a line break added (a CSV, a notice) */
  text(text: string): void;
  error(text: string): void;
  data(value: unknown): void;
}

export function consoleOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Output {
  return {
    json,
    line: (text = '') => {
      if (!json) stdout.write(`${displayText(text, { lineBreaks: 'keep' })}\n`);
    },
    text: (text) => {
      stdout.write(displayText(text, { lineBreaks: 'keep' }));
    },
    error: (text) => stderr.write(`${displayText(text, { lineBreaks: 'keep' })}\n`),
    data: (value) => {
      if (json) stdout.write(`${displayJson(value)}\n`);
    },
  };
}

/** One value of a line, on one line: its own line breaks and tabs are escaped too. */
export function cell(text: string): string {
  return displayText(text);
}

/** One value padded to a column `width` characters wide, after escaping; cut to it unless `o.cut` is false. */
export function column(text: string, width: number, o: { cut?: boolean } = {}): string {
  return fitColumn(displayText(text), width, o.cut ?? true);
}

/** Two columns, the labels padded to line up; a value's own line breaks are escaped. */
export function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${cell(v)}`).join('\n');
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
