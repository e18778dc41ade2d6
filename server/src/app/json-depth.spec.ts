import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ query: '{ a { b { c { d } } } }', s: '[[[[["\\"[[[[' }), 2)).toBe(false);
  });

  it('refuses the 5,000-level document at the default limit and accepts ordinary variables', () => {
    expect(nestsDeeperThan(`{"variables":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`)).toBe(true);
    expect(
      nestsDeeperThan(
        JSON.stringify({ variables: { filter: { near: { latitude: 55, longitude: 12 }, audiences: ['CHILDREN'] } } }),
      ),
    ).toBe(false);
    expect(nestsDeeperThan('['.repeat(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan('['.repeat(MAX_JSON_DEPTH + 1))).toBe(true);
  });
});
