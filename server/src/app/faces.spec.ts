import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

describe('EXPLORER', () => {
  it('is on in development and tests, off in production unless EXPLORER=true', () => {
    expect(loadConfig({}).explorer).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).explorer).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).explorer).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', EXPLORER: 'true' }).explorer).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', EXPLORER: 'false' }).explorer).toBe(false);
    expect(() => loadConfig({ EXPLORER: 'perhaps' })).toThrow('EXPLORER must be true or false, got "perhaps"');
  });
});
