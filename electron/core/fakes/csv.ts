import { err, ok, type Result } from '../util/result.js';

/** Where a CSV is wrong: 1-based line and column, and what is wrong there. */
export interface CsvError {
  line: number;
  column: number;
  message: string;
}

export interface CsvRow {
  /** the line the row starts on, 1-based */
  line: number;
  cells: string[];
  /** the column each cell starts at, 1-based (its opening quote, when quoted) */
  columns: number[];
}

/**
 * RFC 4180, strictly: fields separated by commas, rows by LF or CRLF, a
 * field in double quotes may hold commas, line breaks and doubled quotes. A
 * quote inside an unquoted field, text after a closing quote, an unclosed
 * quote or a row whose field count differs from the header's is refused
 * with where it is: a catalogue read half-right would score against wrong
 * prices.
 */
export function parseCsv(text: string): Result<CsvRow[], CsvError> {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let columns: number[] = [];
  let fieldColumn = 1;
  let field = '';
  let line = 1;
  let column = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let afterQuote = false;
  let fieldStart = true;
  const endRow = () => {
    cells.push(field);
    columns.push(fieldColumn);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells, columns });
    cells = [];
    columns = [];
    field = '';
    fieldStart = true;
    afterQuote = false;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          column += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
      } else if (c === '\n') {
        field += c;
        line++;
        column = 0;
      } else field += c;
      i++;
      column++;
      continue;
    }
    if (c === ',') {
      cells.push(field);
      columns.push(fieldColumn);
      fieldColumn = column + 1;
      field = '';
      fieldStart = true;
      afterQuote = false;
    } else if (c === '\n' || (c === '\r' && src[i + 1] === '\n')) {
      endRow();
      if (c === '\r') i++;
      i++;
      line++;
      column = 1;
      fieldColumn = 1;
      rowLine = line;
      continue;
    } else if (c === '\r') {
      return err({ line, column, message: 'a carriage return alone: rows end with LF or CRLF' });
    } else if (afterQuote) {
      return err({ line, column, message: `text after a closing quote (${JSON.stringify(c)}): a quoted field ends at its quote` });
    } else if (c === '"') {
      if (!fieldStart) return err({ line, column, message: 'a quote inside an unquoted field: quote the whole field and double the quote ("")' });
      quoted = true;
      fieldStart = false;
    } else {
      field += c;
      fieldStart = false;
    }
    i++;
    column++;
  }
  if (quoted) return err({ line, column, message: 'a quoted field is never closed' });
  if (field !== '' || cells.length > 0 || afterQuote) endRow();
  const width = rows[0]?.cells.length ?? 0;
  for (const row of rows) {
    if (row.cells.length !== width) {
      return err({ line: row.line, column: 1, message: `${row.cells.length} fields where the header has ${width}` });
    }
  }
  return ok(rows);
}
