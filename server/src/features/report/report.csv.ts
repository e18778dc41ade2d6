/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, CRLF line ends. */

export type Cell = string | number | boolean | null | undefined;

/** Spreadsheets run cells starting with these as formulas; such text gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvSection {
  title: string;
  header: string[];
  rows: Cell[][];
}

/** Sections separated by an empty line; UTF-8 byte-order mark so spreadsheets read æ, ø and å. */
export function toCsv(sections: CsvSection[]): string {
  const lines: string[] = [];
  sections.forEach((section, i) => {
    if (i > 0) lines.push('');
    lines.push(csvCell(section.title));
    lines.push(section.header.map(csvCell).join(','));
    for (const row of section.rows) lines.push(row.map(csvCell).join(','));
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
