import { describe, expect, it } from 'vitest';
import { classify, normalizeTag, parseDateTime, plainText, wallTimeToInstant, wholeDays } from './mapping.js';
import { dplEventsUrl, parseDplCms } from './dpl-cms.js';
import { parseICalendar } from './icalendar.js';
import { refusedAddressReason } from './fetch.js';

const iso = (d: Date | null) => d?.toISOString();

describe('Europe/Copenhagen wall times', () => {
  it('converts across the change to summer time (last Sunday of March 2027) and back (31 October 2027)', () => {
    expect(iso(wallTimeToInstant({ year: 2027, month: 3, day: 27, hour: 10, minute: 0, second: 0 }))).toBe(
      '2027-03-27T09:00:00.000Z',
    );
    expect(iso(wallTimeToInstant({ year: 2027, month: 3, day: 28, hour: 1, minute: 30, second: 0 }))).toBe(
      '2027-03-28T00:30:00.000Z',
    );
    // 02:30 does not exist that night: the offset before the change applies.
    expect(iso(wallTimeToInstant({ year: 2027, month: 3, day: 28, hour: 2, minute: 30, second: 0 }))).toBe(
      '2027-03-28T01:30:00.000Z',
    );
    expect(iso(wallTimeToInstant({ year: 2027, month: 3, day: 28, hour: 10, minute: 0, second: 0 }))).toBe(
      '2027-03-28T08:00:00.000Z',
    );
    // 02:30 happens twice on 31 October: the first one.
    expect(iso(wallTimeToInstant({ year: 2027, month: 10, day: 31, hour: 2, minute: 30, second: 0 }))).toBe(
      '2027-10-31T00:30:00.000Z',
    );
    expect(iso(wallTimeToInstant({ year: 2027, month: 10, day: 31, hour: 12, minute: 0, second: 0 }))).toBe(
      '2027-10-31T11:00:00.000Z',
    );
    expect(wallTimeToInstant({ year: 2027, month: 2, day: 30, hour: 10, minute: 0, second: 0 })).toBeNull();
  });

  it('parses DPL CMS date-times with and without an offset, and refuses what is no date', () => {
    expect(iso(parseDateTime('2027-03-30T19:00:00+02:00'))).toBe('2027-03-30T17:00:00.000Z');
    expect(iso(parseDateTime('2027-03-30T17:00:00Z'))).toBe('2027-03-30T17:00:00.000Z');
    expect(iso(parseDateTime('2027-03-30T19:00:00'))).toBe('2027-03-30T17:00:00.000Z');
    expect(iso(parseDateTime('2027-03-23 19:00'))).toBe('2027-03-23T18:00:00.000Z');
    for (const bad of ['i morgen', '2027-13-01T10:00:00', '2027-02-29T10:00:00+01:00', '', null, 17])
      expect(parseDateTime(bad)).toBeNull();
  });

  it('makes an all-day event the whole day, 23 hours on the day the clocks go forward', () => {
    const day = wholeDays('2027-03-28', '2027-03-28');
    expect(iso(day.startsAt)).toBe('2027-03-27T23:00:00.000Z');
    expect(iso(day.endsAt)).toBe('2027-03-28T22:00:00.000Z');
  });
});

describe('text and keywords', () => {
  it('keeps no markup: scripts dropped, entities decoded, Danish letters kept', () => {
    const text = plainText(
      '<p>Kom &amp; hør om <b>ål</b> og &oslash;&aelig;&aring;</p><script>alert("x")</script><style>p{}</style><p>Anden linje</p>',
      10_000,
    );
    expect(text).toBe('Kom & hør om ål og øæå\n\nAnden linje');
    expect(plainText('<p>' + 'x'.repeat(300) + '</p>', 200)).toHaveLength(200);
  });

  it('normalises tags without case and accents', () => {
    expect(normalizeTag('Grøn Omstílling')).toBe(normalizeTag('grøn omstilling'));
    expect(normalizeTag('VORES-NATUR')).toBe(normalizeTag('vores natur'));
    expect(normalizeTag('Grøn')).not.toBe(normalizeTag('Gron'));
  });

  it('maps the Danish keyword table to audiences and format, with everyone / other as fallback', () => {
    expect(classify(['Børn', 'Værksted'])).toEqual({ audiences: ['CHILDREN'], format: 'WORKSHOP' });
    expect(classify(['Familie', 'Naturvandring'])).toEqual({ audiences: ['FAMILIES'], format: 'WALK' });
    expect(classify(['Fugle-tur'])).toEqual({ audiences: ['EVERYONE'], format: 'WALK' });
    expect(classify(['Forfatterforedrag', 'Voksne'])).toEqual({ audiences: ['ADULTS'], format: 'TALK' });
    // "natur" ends in "tur" but is no walk; "litteratur" neither.
    expect(classify(['Vores natur', 'Litteratur'])).toEqual({ audiences: ['EVERYONE'], format: 'OTHER' });
  });
});

describe('DPL CMS mapping', () => {
  it('builds the events URL from the site or the endpoint', () => {
    expect(dplEventsUrl('https://bib.dk', '2027-03-22')).toBe(
      'https://bib.dk/api/v1/events?_format=json&from_date=2027-03-22',
    );
    expect(dplEventsUrl('https://bib.dk/api/v1/events', null)).toBe('https://bib.dk/api/v1/events?_format=json');
  });

  it('converts prices by unit and takes the lowest ticket category', () => {
    const event = (value: number) =>
      JSON.stringify([
        {
          uuid: 'a',
          title: 'T',
          date_time: { start: '2027-03-25T10:00:00+01:00', end: '2027-03-25T11:00:00+01:00' },
          ticket_categories: [{ price: { currency: 'DKK', value } }, { price: { currency: 'DKK', value: value * 2 } }],
        },
      ]);
    const price = (body: string, unit: 'KRONER' | 'OERE') =>
      (parseDplCms(body, unit)[0] as { event: { priceDkk: number } }).event.priceDkk;
    expect(price(event(5000), 'OERE')).toBe(50);
    expect(price(event(75), 'KRONER')).toBe(75);
    expect(price(event(1250), 'OERE')).toBe(12.5);
  });
});

describe('iCalendar mapping', () => {
  it('expands RRULE with EXDATE inside the window, across the change to summer time', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:weekly@test',
      'DTSTART;TZID=Europe/Copenhagen:20270324T180000',
      'DTEND;TZID=Europe/Copenhagen:20270324T193000',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'EXDATE;TZID=Europe/Copenhagen:20270331T180000',
      'SUMMARY:Læsekreds',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const entries = parseICalendar(ics, {
      from: new Date('2027-03-21T23:00:00Z'),
      to: new Date('2027-04-11T22:00:00Z'),
    });
    const events = entries.flatMap((e) => ('event' in e ? [e.event] : []));
    expect(events.map((e) => [e.externalId, iso(e.startsAt), iso(e.endsAt), e.seriesId])).toEqual([
      ['weekly@test/20270324T180000', '2027-03-24T17:00:00.000Z', '2027-03-24T18:30:00.000Z', 'weekly@test'],
      ['weekly@test/20270407T180000', '2027-04-07T16:00:00.000Z', '2027-04-07T17:30:00.000Z', 'weekly@test'],
    ]);
  });
});

describe('addresses that are never fetched', () => {
  it('refuses private, loopback, link-local, metadata and special addresses and allows public ones', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '224.0.0.1',
    ]) {
      expect(refusedAddressReason(a), a).not.toBeNull();
    }
    for (const a of ['93.184.216.34', '2a00:1450:4001:80b::200e']) expect(refusedAddressReason(a), a).toBeNull();
  });
});
