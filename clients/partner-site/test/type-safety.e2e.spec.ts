// The SDK's types are part of its promise: a wrong variable type must not compile.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedErrorLines, typeErrors } from '../../codegen/test-support/type-errors.js';

const fixture = 'clients/partner-site/test/fixtures/misuse.ts';
const tsconfig = 'clients/partner-site/tsconfig.json';

describe('partner-site SDK types', () => {
  it('compile the right use, and every misuse marked @ts-expect-error is a type error', () => {
    expect(typeErrors(fixture, tsconfig)).toEqual([]);
  });

  it('report each misuse once its @ts-expect-error is removed', () => {
    const expected = expectedErrorLines(readFileSync(fixture, 'utf8'));
    expect(expected.length).toBeGreaterThanOrEqual(7);
    const errors = typeErrors(fixture, tsconfig, { withoutDirectives: true });
    expect([...new Set(errors.map((e) => e.line))]).toEqual(expected);
  });
});
