import { validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { IsHttpUrl, IsOptionalText, IsText } from './input-fields.js';

class Sample {
  @IsText(200)
  title: string;

  @IsOptionalText(100)
  note?: string | null;

  @IsHttpUrl()
  link?: string | null;
}

async function firstMessage(values: Partial<Sample>, property: keyof Sample): Promise<string | undefined> {
  const errors = await validate(Object.assign(new Sample(), { title: 'Fugletur', ...values }));
  const error = errors.find((e) => e.property === property);
  return error ? Object.values(error.constraints ?? {})[0] : undefined;
}

describe('shared input-field rules', () => {
  it('report the most specific rule first, as the stacked decorators they replace did', async () => {
    expect(await firstMessage({ title: '' }, 'title')).toBe('title must not be blank');
    expect(await firstMessage({ title: 'x'.repeat(201) }, 'title')).toBe('title must be 1–200 characters');
    expect(await firstMessage({ link: `not a url ${'x'.repeat(2100)}` }, 'link')).toBe(
      'link must be an absolute http or https URL',
    );
    expect(await firstMessage({ link: 'javascript:alert(1)' }, 'link')).toBe(
      'link must be an absolute http or https URL',
    );
  });

  it('let optional fields be left out or null, and name the field in every message', async () => {
    expect(await firstMessage({ note: null, link: null }, 'note')).toBeUndefined();
    expect(await firstMessage({ note: '   ' }, 'note')).toBe('note must not be blank');
    expect(await firstMessage({ link: 'https://bibliotek.example/tema' }, 'link')).toBeUndefined();
  });

  it('refuse invisible-only text, bidirectional overrides and URLs with quotes or spaces', async () => {
    expect(await firstMessage({ title: '\u200B\u200B' }, 'title')).toBe('title must not be blank');
    expect(await firstMessage({ title: 'abc\u202Edef' }, 'title')).toMatch(
      /^title must not contain bidirectional override/,
    );
    expect(await firstMessage({ note: 'x\u2067y' }, 'note')).toMatch(/^note must not contain bidirectional override/);
    expect(await firstMessage({ title: 'Fugletur \u200F' }, 'title')).toBeUndefined();
    expect(await firstMessage({ link: 'https://bibliotek.example/a"b' }, 'link')).toMatch(
      /^link must not contain quotes, spaces/,
    );
    expect(await firstMessage({ link: "https://bibliotek.example/a'b" }, 'link')).toMatch(
      /^link must not contain quotes, spaces/,
    );
    expect(await firstMessage({ link: 'https://bibliotek.example/a%20b' }, 'link')).toBeUndefined();
  });
});
