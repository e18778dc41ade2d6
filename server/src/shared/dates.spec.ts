import { describe, expect, it } from 'vitest';
import {
  copenhagenDate,
  copenhagenOffsetMinutes,
  endOfCopenhagenDay,
  isoWeekEnd,
  isoWeekOfDate,
  isoWeekStart,
  isoWeeksInYear,
  startOfCopenhagenDay,
  themeStatus,
} from './dates.js';

describe('ISO weeks', () => {
  it('gives Tema 11 (2020, weeks 16–20) its first and last day', () => {
    expect(isoWeekStart(2020, 16)).toBe('2020-04-13');
    expect(isoWeekEnd(2020, 20)).toBe('2020-05-17');
  });

  it('knows which years have 53 weeks', () => {
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2015)).toBe(53);
    expect(isoWeeksInYear(2019)).toBe(52);
    expect(isoWeeksInYear(2021)).toBe(52);
    expect(isoWeeksInYear(2027)).toBe(52);
    expect(isoWeekEnd(2020, 53)).toBe('2021-01-03');
    expect(isoWeekStart(2026, 53)).toBe('2026-12-28');
  });

  it('starts week 1 in December when 4 January is early in the week', () => {
    expect(isoWeekStart(2019, 1)).toBe('2018-12-31');
    expect(isoWeekStart(2025, 1)).toBe('2024-12-30');
    expect(isoWeekStart(2026, 1)).toBe('2025-12-29');
    expect(isoWeekOfDate('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOfDate('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOfDate('2027-01-01')).toEqual({ year: 2026, week: 53 });
  });

  it('round-trips every week of several years', () => {
    for (const year of [2015, 2018, 2020, 2026, 2027]) {
      for (let week = 1; week <= isoWeeksInYear(year); week++) {
        expect(isoWeekOfDate(isoWeekStart(year, week))).toEqual({ year, week });
        expect(isoWeekOfDate(isoWeekEnd(year, week))).toEqual({ year, week });
      }
    }
  });
});

describe('Copenhagen time', () => {
  it('follows daylight saving time', () => {
    expect(copenhagenOffsetMinutes(new Date('2020-01-15T12:00:00Z'))).toBe(60);
    expect(copenhagenOffsetMinutes(new Date('2020-04-15T12:00:00Z'))).toBe(120);
    // 29 March 2020: clocks go from 02:00 to 03:00 (01:00 UTC).
    expect(copenhagenOffsetMinutes(new Date('2020-03-29T00:59:59Z'))).toBe(60);
    expect(copenhagenOffsetMinutes(new Date('2020-03-29T01:00:00Z'))).toBe(120);
    // 25 October 2020: clocks go back at 03:00 CEST (01:00 UTC).
    expect(copenhagenOffsetMinutes(new Date('2020-10-25T00:59:59Z'))).toBe(120);
    expect(copenhagenOffsetMinutes(new Date('2020-10-25T01:00:00Z'))).toBe(60);
  });

  it('finds local midnight on both sides of a change and the length of those days', () => {
    expect(startOfCopenhagenDay('2020-04-13').toISOString()).toBe('2020-04-12T22:00:00.000Z');
    expect(startOfCopenhagenDay('2020-01-01').toISOString()).toBe('2019-12-31T23:00:00.000Z');
    const spring = endOfCopenhagenDay('2020-03-29').getTime() - startOfCopenhagenDay('2020-03-29').getTime();
    const autumn = endOfCopenhagenDay('2020-10-25').getTime() - startOfCopenhagenDay('2020-10-25').getTime();
    expect(spring / 3_600_000).toBe(23);
    expect(autumn / 3_600_000).toBe(25);
  });

  it('dates an instant by the Copenhagen calendar, not UTC', () => {
    expect(copenhagenDate(new Date('2020-05-17T22:30:00Z'))).toBe('2020-05-18');
    expect(copenhagenDate(new Date('2020-12-31T23:30:00Z'))).toBe('2021-01-01');
  });
});

describe('theme status', () => {
  const starts = '2020-04-13';
  const ends = '2020-05-17';
  it('is UPCOMING, ACTIVE and ENDED by the Copenhagen date', () => {
    expect(themeStatus(starts, ends, new Date('2020-04-12T21:59:59Z'))).toBe('UPCOMING');
    expect(themeStatus(starts, ends, new Date('2020-04-12T22:00:00Z'))).toBe('ACTIVE');
    expect(themeStatus(starts, ends, new Date('2020-05-17T21:59:59Z'))).toBe('ACTIVE');
    expect(themeStatus(starts, ends, new Date('2020-05-17T22:00:00Z'))).toBe('ENDED');
    expect(themeStatus(starts, ends, new Date('2026-11-25T12:00:00Z'))).toBe('ENDED');
  });
});
