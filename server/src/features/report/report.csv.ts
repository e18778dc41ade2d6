import { stringify } from 'csv-stringify/sync';

/**
 * RFC 4180 CSV written by csv-stringify: fields with the separator, a quote or a line break are
 * quoted, quotes doubled, CRLF line ends, a UTF-8 byte-order mark so that spreadsheets read æ, ø
 * and å.
 */

export type Cell = string | number | boolean | null | undefined;

/** `,` (RFC 4180) or `;`, the list separator of Danish Excel, which opens such a file with one click. */
export type CsvDelimiter = ',' | ';';

/**
 * Spreadsheets run a cell that starts with one of these as a formula. A file may be split on a
 * separator other than the one it was written with (Danish Excel splits a comma file on `;`), so
 * the start of every text after any separator counts as the start of a cell.
 */
const FORMULA_AT_CELL_START = /(^|[,;\t\r\n])(?=[=+\-@\t\r])/g;

/** Text with a leading apostrophe before every formula character that could start a cell. */
export function neutraliseFormulas(text: string): string {
  return text.replace(FORMULA_AT_CELL_START, "$1'");
}

const OPTIONS = {
  bom: true,
  record_delimiter: '\r\n',
  // csv-stringify quotes the whole CRLF only; a lone CR or LF also breaks a line in a spreadsheet.
  quoted_match: /[\r\n]/,
  cast: { string: neutraliseFormulas, number: String, boolean: String },
} as const;

export interface CsvSection {
  title: string;
  header: string[];
  rows: Cell[][];
}

/** Sections separated by an empty line, each a title line, a header line and its rows. */
export function toCsv(sections: CsvSection[], delimiter: CsvDelimiter = ','): string {
  const records: Cell[][] = [];
  sections.forEach((section, i) => {
    if (i > 0) records.push([]);
    records.push([section.title], section.header, ...section.rows);
  });
  return stringify(records, { ...OPTIONS, delimiter });
}
