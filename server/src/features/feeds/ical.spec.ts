import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, serialize, utcDateTime } from './ical.js';

describe('iCalendar writing', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting UTF-8 sequences', () => {
    const line = `DESCRIPTION:${'æøå🦉'.repeat(40)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      expect(part.includes('\uFFFD')).toBe(false);
    }
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(foldLine('SHORT:ok')).toBe('SHORT:ok');
    expect(Buffer.byteLength(foldLine('X'.repeat(75)))).toBe(75);
  });

  it('writes UTC times and CRLF line endings', () => {
    expect(utcDateTime(new Date('2020-04-14T15:00:00.123Z'))).toBe('20200414T150000Z');
    expect(serialize({ name: 'VCALENDAR', properties: [['VERSION', '2.0']] })).toBe(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
    );
  });
});
