import { describe, expect, it } from 'vitest';
import { copenhagenMidnight, formatWhen, isoWeekMonday, nextDay } from './format.js';

const in2026 = new Date('2026-06-01T12:00:00Z');

describe('formatWhen', () => {
  it('writes Danish dates and times in Copenhagen time', () => {
    expect(formatWhen('da', '2026-04-14T08:00:00Z', '2026-04-14T10:00:00Z', in2026)).toBe(
      'tirsdag 14. april kl. 10.00–12.00',
    );
    expect(formatWhen('en', '2026-04-14T08:00:00Z', '2026-04-14T10:00:00Z', in2026)).toBe(
      'Tuesday 14 April, 10:00–12:00',
    );
  });

  it('follows daylight saving time on both sides of the change', () => {
    // Summer time starts on 29 March 2026 at 02:00 (01:00 UTC): 10.00 is 09:00 UTC before, 08:00 UTC after.
    expect(formatWhen('da', '2026-03-28T09:00:00Z', '2026-03-28T11:00:00Z', in2026)).toBe(
      'lørdag 28. marts kl. 10.00–12.00',
    );
    expect(formatWhen('da', '2026-03-29T08:00:00Z', '2026-03-29T10:00:00Z', in2026)).toBe(
      'søndag 29. marts kl. 10.00–12.00',
    );
    // It ends on 25 October 2026; an evening across the change stays on the wall clock.
    expect(formatWhen('da', '2026-10-24T17:00:00Z', '2026-10-24T19:30:00Z', in2026)).toBe(
      'lørdag 24. oktober kl. 19.00–21.30',
    );
    expect(formatWhen('da', '2026-10-25T18:00:00Z', '2026-10-25T20:30:00Z', in2026)).toBe(
      'søndag 25. oktober kl. 19.00–21.30',
    );
  });

  it('adds the year when it is not this year, and the end day when it differs', () => {
    expect(formatWhen('da', '2020-04-14T08:00:00Z', '2020-04-14T10:00:00Z', in2026)).toBe(
      'tirsdag 14. april 2020 kl. 10.00–12.00',
    );
    expect(formatWhen('da', '2026-04-14T08:00:00Z', '2026-04-15T10:00:00Z', in2026)).toBe(
      'tirsdag 14. april kl. 10.00 – onsdag 15. april kl. 12.00',
    );
  });
});

describe('Copenhagen calendar days and ISO weeks', () => {
  it('finds midnight in winter and in summer', () => {
    expect(copenhagenMidnight('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
    expect(copenhagenMidnight('2026-07-15')).toBe('2026-07-14T22:00:00.000Z');
    expect(copenhagenMidnight('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(copenhagenMidnight('2026-03-30')).toBe('2026-03-29T22:00:00.000Z');
  });

  it('finds the Monday of an ISO week', () => {
    expect(isoWeekMonday(2020, 16)).toBe('2020-04-13');
    expect(isoWeekMonday(2021, 1)).toBe('2021-01-04');
    expect(isoWeekMonday(2026, 1)).toBe('2025-12-29');
    expect(nextDay('2020-04-13', 7)).toBe('2020-04-20');
  });
});
