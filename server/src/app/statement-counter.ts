import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from 'pino';
import { domainErrorFromDatabase } from '../shared/errors.js';

interface StatementStore {
  count: number;
}

const store = new AsyncLocalStorage<StatementStore>();

/** Counts SQL statements per request: the proof that relation fields do not query per row. */
export const statementCounter = {
  run<T>(work: () => T): T {
    return store.run({ count: 0 }, work);
  },
  current(): number | undefined {
    return store.getStore()?.count;
  },
};

/** TypeORM logger: counts every statement, logs them at trace level and failures at warn. */
export class CountingLogger implements TypeOrmLogger {
  /** Statements run through this data source since it was created (the metric temahub_db_statements_total). */
  statements = 0;

  constructor(private readonly out: Logger) {}

  logQuery(query: string, parameters?: unknown[], _runner?: QueryRunner): void {
    this.statements++;
    const s = store.getStore();
    if (s) s.count++;
    if (this.out.isLevelEnabled('trace')) this.out.trace({ sql: query, parameters }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    // Refused for the client's input (a NUL byte, a duplicate): answered as BAD_USER_INPUT or CONFLICT, not the server's fault.
    if (domainErrorFromDatabase(error))
      this.out.info({ sqlState: (error as { code?: unknown }).code, sql: query }, 'sql refused the input');
    else this.out.warn({ err: error, sql: query }, 'sql failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.out.warn({ ms: time, sql: query }, 'slow sql');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.out.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out.warn({ message }, 'typeorm');
    else this.out.debug({ message }, 'typeorm');
  }
}
