import { describe, expect, it } from 'vitest';
import { asBrokenConnection, DatabaseUnavailableError } from './pg-driver.js';

describe('asBrokenConnection', () => {
  it('turns pg errors of a broken connection into SQLSTATE 08006', () => {
    for (const err of [
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    ]) {
      const mapped = asBrokenConnection(err);
      expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
      expect((mapped as DatabaseUnavailableError).code).toBe('08006');
    }
  });

  it('leaves errors with a SQLSTATE and programming errors as they are', () => {
    const unique = Object.assign(new Error('duplicate key value'), { code: '23505' });
    const bug = new TypeError('Cannot read properties of undefined');
    expect(asBrokenConnection(unique)).toBe(unique);
    expect(asBrokenConnection(bug)).toBe(bug);
  });
});
