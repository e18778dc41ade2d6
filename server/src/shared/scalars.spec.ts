import { describe, expect, it } from 'vitest';
import { DateTimeScalar, isoInstant } from './scalars.js';

describe('isoInstant', () => {
  it('writes what toISOString writes, for every year, month, day, time and millisecond form', () => {
    const instants = [
      Date.UTC(1000, 0, 1),
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2026, 2, 4, 5, 6, 7, 8),
      Date.UTC(2026, 9, 10, 10, 10, 10, 10),
      Date.UTC(2026, 9, 10, 10, 10, 10, 100),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(999, 11, 31),
      Date.UTC(10000, 0, 1),
      Date.UTC(-1, 0, 1),
      0,
    ];
    // And a spread of instants over the years Temahub stores.
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2200, 0, 1); t += 86_400_000 * 37 + 3_723_456) instants.push(t);
    for (const t of instants) expect(isoInstant(new Date(t))).toBe(new Date(t).toISOString());
  });

  it('is what the DateTime scalar answers, and an invalid date is still refused', () => {
    const date = new Date(Date.UTC(2026, 3, 14, 15, 0, 0, 5));
    expect(DateTimeScalar.serialize(date)).toBe('2026-04-14T15:00:00.005Z');
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow('invalid date');
  });
});
