import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { parseLsn } from './read-replicas.js';

describe('read replica configuration', () => {
  it('reads DATABASE_READ_URLS and MAX_REPLICA_LAG_SECONDS', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://p/db',
      DATABASE_READ_URLS: ' postgres://r1/db , postgresql://r2/db ',
      MAX_REPLICA_LAG_SECONDS: '2',
    });
    expect(config.databaseReadUrls).toEqual(['postgres://r1/db', 'postgresql://r2/db']);
    expect(config.maxReplicaLagSeconds).toBe(2);
    expect(loadConfig({}).databaseReadUrls).toEqual([]);
    expect(loadConfig({}).maxReplicaLagSeconds).toBe(5);
  });

  it('refuses replicas without a primary, and URLs that are not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_READ_URLS: 'postgres://r1/db' })).toThrow(
      new ConfigError('DATABASE_READ_URLS needs DATABASE_URL: read replicas follow a PostgreSQL primary'),
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_READ_URLS: 'postgres://r1/db,redis://r2' }),
    ).toThrow(/^DATABASE_READ_URLS \(entry 2\) must start with postgres:\/\/ or postgresql:\/\/$/);
    expect(() => loadConfig({ MAX_REPLICA_LAG_SECONDS: '-1' })).toThrow(
      /MAX_REPLICA_LAG_SECONDS must be a whole number/,
    );
  });
});

describe('parseLsn', () => {
  it('orders WAL positions as PostgreSQL does', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(parseLsn(null)).toBe(0n);
  });
});
