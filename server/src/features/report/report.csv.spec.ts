import { describe, expect, it } from 'vitest';
import { toCsv, type Cell, type CsvDelimiter } from './report.csv.js';

/** One cell as toCsv writes it. */
function csvCell(value: Cell, delimiter: CsvDelimiter = ','): string {
  const csv = toCsv([{ title: 't', header: ['h'], rows: [[value]] }], delimiter);
  const prefix = '\uFEFFt\r\nh\r\n';
  expect(csv.startsWith(prefix) && csv.endsWith('\r\n')).toBe(true);
  return csv.slice(prefix.length, -2);
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The cells a spreadsheet makes of one line when it splits on `separator`, which need not be the
 * one the file was written with: a field is quoted only when it starts with a quote.
 */
function spreadsheetCells(line: string, separator: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') break;
        else value += line[i++];
      }
      i++;
      const end = line.indexOf(separator, i);
      cells.push(value + line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    } else {
      const end = line.indexOf(separator, i);
      cells.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return cells;
}

describe('CSV', () => {
  it('quotes per RFC 4180 and keeps Danish letters', () => {
    expect(csvCell('Tårnby Bibliotek')).toBe('Tårnby Bibliotek');
    expect(csvCell('Bøger, film og "natur"')).toBe('"Bøger, film og ""natur"""');
    expect(csvCell('to\r\nlinjer')).toBe('"to\r\nlinjer"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
  });

  it('defuses a formula after any separator, for Excel with Danish settings too', () => {
    expect(csvCell('Bibliotek;=1+1')).toBe("Bibliotek;'=1+1");
    expect(csvCell('Bibliotek;=1+1', ';')).toBe('"Bibliotek;\'=1+1"');
    expect(csvCell('a,+1', ';')).toBe("a,'+1");
    expect(csvCell('a\t@SUM(A1)')).toBe("a\t'@SUM(A1)");
    expect(csvCell('to\n-linjer')).toBe('"to\n\'-linjer"');
  });

  it('leaves no cell that starts with a formula character, however a spreadsheet splits the line', () => {
    const hostile = [
      'Bibliotek;=1+1',
      '=1+1',
      'a,=cmd|"/c calc"!A1',
      'x;+1;-2;@3',
      'x\t=1',
      ';=1',
      ',=1',
      '"=1";=2',
      'æ;ø,=å',
      "';=1",
    ];
    for (const written of [',', ';'] as const) {
      const csv = toCsv([{ title: 'T', header: ['a', 'b'], rows: hostile.map((h) => [h, h]) }], written);
      for (const line of csv.slice(1).split('\r\n')) {
        for (const separator of [',', ';', '\t']) {
          for (const cell of spreadsheetCells(line, separator))
            expect(cell, `${JSON.stringify(line)} split on ${JSON.stringify(separator)}`).not.toMatch(FORMULA_START);
        }
      }
    }
  });

  it('writes sections with title and header, separated by an empty line, CRLF, with a BOM', () => {
    const sections = [
      { title: 'A', header: ['key', 'count'], rows: [['x', 1]] },
      { title: 'B', header: ['name'], rows: [['Æbelø']] },
    ];
    expect(toCsv(sections)).toBe('\uFEFFA\r\nkey,count\r\nx,1\r\n\r\nB\r\nname\r\nÆbelø\r\n');
    expect(toCsv(sections, ';')).toBe('\uFEFFA\r\nkey;count\r\nx;1\r\n\r\nB\r\nname\r\nÆbelø\r\n');
  });
});
