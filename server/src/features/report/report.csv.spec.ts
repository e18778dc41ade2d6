import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './report.csv.js';

describe('CSV', () => {
  it('quotes per RFC 4180 and keeps Danish letters', () => {
    expect(csvCell('Tårnby Bibliotek')).toBe('Tårnby Bibliotek');
    expect(csvCell('Bøger, film og "natur"')).toBe('"Bøger, film og ""natur"""');
    expect(csvCell('to\r\nlinjer')).toBe('"to\r\nlinjer"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
  });

  it('writes sections with title and header, separated by an empty line, CRLF, with a BOM', () => {
    const csv = toCsv([
      { title: 'A', header: ['key', 'count'], rows: [['x', 1]] },
      { title: 'B', header: ['name'], rows: [['Æbelø']] },
    ]);
    expect(csv).toBe('\uFEFFA\r\nkey,count\r\nx,1\r\n\r\nB\r\nname\r\nÆbelø\r\n');
  });
});
