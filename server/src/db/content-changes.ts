import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/**
 * Content changes across processes, on PostgreSQL's LISTEN/NOTIFY: the server's response cache
 * learns of writes it did not make itself (another server process without a shared Redis, `npm
 * run import`, `npm run db:restore`, `npm run seed`, or an operator's
 * `SELECT pg_notify('temahub_content_changed', '')` after editing data by hand). A notification
 * is delivered when the writing transaction commits, to every process listening on the database.
 */
export const CONTENT_CHANNEL = 'temahub_content_changed';

const ANNOUNCE = `SELECT pg_notify('${CONTENT_CHANNEL}', '')`;

/**
 * Tells every server process on this database that content changed (after the change committed).
 * Nothing happens when no server listens (or on the embedded database, which one process owns).
 */
export async function announceContentChanged(db: DataSource): Promise<void> {
  await db.query(ANNOUNCE);
}

/** Waits between reconnection attempts: doubling from the first to the last. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

export interface ContentChanges {
  /** Announces a change this process committed, to the others (and not back to itself). */
  announce(): void;
  close(): Promise<void>;
}

/**
 * Listens for content changes on its own connection to `databaseUrl` (not one of the pool's) and
 * calls `changed` for each one announced by another connection. A connection that breaks is
 * opened again (waiting 0.5 s, doubling up to 30 s), and `changed` is called once it listens
 * again, since notifications sent meanwhile are lost.
 */
export function listenForContentChanges(
  databaseUrl: string,
  options: { connectTimeoutMs: number; log: Logger; changed: () => void },
): ContentChanges {
  const { log, changed } = options;
  let client: pg.Client | undefined;
  let closed = false;
  let listening = false;
  let retryMs = RETRY_FIRST_MS;
  let retry: NodeJS.Timeout | undefined;
  let everListened = false;

  const connect = async () => {
    retry = undefined;
    if (closed) return;
    const next = new pg.Client({
      connectionString: databaseUrl,
      application_name: 'temahub-listen',
      connectionTimeoutMillis: options.connectTimeoutMs,
      keepAlive: true,
    });
    client = next;
    const lost = (err?: Error) => {
      if (client !== next) return;
      client = undefined;
      listening = false;
      next.removeAllListeners();
      void next.end().catch(() => undefined);
      if (closed) return;
      log.warn({ err: err && { message: err.message }, retryMs }, 'lost the content-change connection; reconnecting');
      retry = setTimeout(() => void connect(), retryMs);
      retry.unref();
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (message) => {
      // Its own announcements come back on the same connection: this process already knows.
      if (
        message.channel === CONTENT_CHANNEL &&
        message.processId !== (next as unknown as { processID?: number }).processID
      )
        changed();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CONTENT_CHANNEL}`);
    } catch (err) {
      lost(err as Error);
      return;
    }
    if (client !== next) return;
    listening = true;
    retryMs = RETRY_FIRST_MS;
    // What changed while no connection listened is unknown: assume something did.
    if (everListened) changed();
    everListened = true;
  };
  void connect();

  return {
    announce() {
      if (!client || !listening) return;
      client.query(ANNOUNCE).catch((err: Error) => {
        log.warn({ err: { message: err.message } }, 'could not announce a content change to other processes');
      });
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners();
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}
