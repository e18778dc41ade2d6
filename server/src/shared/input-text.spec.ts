import { describe, expect, it } from 'vitest';
import { BadUserInputError } from './errors.js';
import { cleanText } from './input-text.js';

describe('cleanText', () => {
  it('normalises to NFC', () => {
    expect(cleanText('A\u030Arhus', 'title')).toBe('\u00C5rhus');
    expect(cleanText('\u00C5rhus', 'title')).toBe('\u00C5rhus');
  });

  it('keeps surrogate pairs and refuses lone surrogates, naming the field', () => {
    expect(cleanText('Fugle \uD83D\uDC26', 'title')).toBe('Fugle \uD83D\uDC26');
    expect(cleanText(JSON.parse('"\\ud83d\\udc26"') as string, 'title')).toBe('\uD83D\uDC26');
    for (const lone of ['\uD800', 'a\uDC00', '\uDBFFb', JSON.parse('"x\\ud800"') as string]) {
      let error: unknown;
      try {
        cleanText(lone, 'input.title');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).field).toBe('input.title');
    }
  });
});
