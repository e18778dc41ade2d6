/**
 * Soak benchmark: `npm run bench:soak`. Starts the built server as a child process (on a fresh
 * database: embedded in a temporary directory, or a database `temahub_soak` on the PostgreSQL
 * server of BENCH_DATABASE_URL or DATABASE_URL), then this process, as the load, sends mixed
 * reads and writes for SOAK_MINUTES (default 10) from SOAK_CONNECTIONS (default 16) concurrent
 * clients and prints the server's resident memory (RSS) and heap every SOAK_SAMPLE_SECONDS
 * (default 60). RSS must level off: the last samples stay within a few MB of each other.
 *
 * The reads are the published SDK operations with varied variables (theme page, activity
 * search with search terms, paging and filters, libraries, reference data), anonymous (through
 * the response cache) and with a token (past it); the writes are a coordinator creating,
 * editing, publishing, cancelling and deleting activities. With SOAK_HEAP_SNAPSHOTS=1 the
 * server writes a V8 heap snapshot after the warm-up and at the end, and the object kinds that
 * grew most between them are printed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 16);
const SAMPLE_SECONDS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 60);
const SNAPSHOTS = process.env.SOAK_HEAP_SNAPSHOTS === '1';
const WRITE_SHARE = 0.15;
const ROOT = process.cwd();
const MAIN = path.join(ROOT, 'dist', 'server', 'src', 'main.js');
const TOKEN_CLI = path.join(ROOT, 'dist', 'server', 'src', 'cli', 'token.js');

if (!(MINUTES > 0) || !(CONNECTIONS >= 1) || !(SAMPLE_SECONDS > 0)) {
  process.stderr.write('SOAK_MINUTES, SOAK_CONNECTIONS and SOAK_SAMPLE_SECONDS must be positive numbers\n');
  process.exit(2);
}

/** The published SDK documents by operation name. */
function sdkDocuments(): Map<string, string> {
  const documents = new Map<string, string>();
  for (const client of readdirSync(path.join(ROOT, 'clients'))) {
    const file = path.join(ROOT, 'clients', client, 'src', '__generated__', 'persisted-documents.json');
    let manifest: Record<string, string>;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      continue;
    }
    for (const text of Object.values(manifest)) {
      const name = /\b(?:query|mutation) (\w+)/.exec(text)?.[1];
      if (name) documents.set(name, text);
    }
  }
  return documents;
}

interface Database {
  env: Record<string, string>;
  where: string;
  drop(): Promise<void>;
}

async function freshDatabase(): Promise<Database> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!base) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'temahub-soak-'));
    return {
      env: { DATA_DIR: dataDir },
      where: `embedded database in ${dataDir}`,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run('DROP DATABASE IF EXISTS temahub_soak WITH (FORCE)');
  await run('CREATE DATABASE temahub_soak');
  const url = new URL(base);
  url.pathname = '/temahub_soak';
  return {
    env: { DATABASE_URL: url.toString() },
    where: `PostgreSQL database temahub_soak`,
    drop: () => run('DROP DATABASE IF EXISTS temahub_soak WITH (FORCE)'),
  };
}

function issueToken(env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [TOKEN_CLI, '--role', 'COORDINATOR', '--name', 'soak benchmark'], {
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`token: ${result.stderr}`);
  return result.stdout.trim().split('\n').at(-1)!;
}

async function startServer(env: NodeJS.ProcessEnv, cwd: string): Promise<{ child: ChildProcess; url: string }> {
  const args = [...(SNAPSHOTS ? ['--heapsnapshot-signal=SIGUSR2'] : []), MAIN];
  const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Temahub is ready at (http:\/\/\S+)\/graphql/.exec(output);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before it was ready`)));
  });
  child.stdout!.resume();
  return { child, url: url.replace('localhost', '127.0.0.1') };
}

interface Counts {
  requests: number;
  errors: number;
  failures: Map<string, number>;
}

/** The fields of an answer that the soak reads back (the rest is not looked at). */
interface Answer {
  theme?: { id: string };
  libraries?: { edges: { node: { id: string } }[] };
  activities?: { edges?: { node: { id: string } }[] };
  createActivity?: { id: string; version: number };
  [field: string]: unknown;
}

async function gql(
  url: string,
  counts: Counts,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Answer | undefined> {
  counts.requests++;
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { data?: Answer; errors?: { extensions?: { code?: string } }[] };
    if (res.status >= 500 || body.errors?.length) {
      counts.errors++;
      const key = `${res.status} ${body.errors?.[0]?.extensions?.code ?? ''}`;
      counts.failures.set(key, (counts.failures.get(key) ?? 0) + 1);
    }
    return body.data;
  } catch (err) {
    counts.errors++;
    const key = (err as Error).name;
    counts.failures.set(key, (counts.failures.get(key) ?? 0) + 1);
    return undefined;
  }
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const REGIONS = ['NORDJYLLAND', 'MIDTJYLLAND', 'SYDDANMARK', 'SJAELLAND', 'HOVEDSTADEN'];
const WORDS = [
  'natur',
  'fugle',
  'skov',
  'hav',
  'klima',
  'bier',
  'børn',
  'foredrag',
  'tur',
  'bog',
  'insekter',
  'vand',
  'planter',
  'fjord',
  'strand',
];

async function metric(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(60_000) })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : undefined;
}

/** Object counts and self sizes per constructor name in a V8 heap snapshot. */
function summariseSnapshot(file: string): Map<string, { count: number; size: number }> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snapshot.snapshot.meta.node_types[0];
  const summary = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!];
    const name = type === 'object' || type === 'closure' ? snapshot.strings[snapshot.nodes[i + nameAt]!]! : `(${type})`;
    const entry = summary.get(name) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += snapshot.nodes[i + sizeAt]!;
    summary.set(name, entry);
  }
  return summary;
}

/** Asks the server for a heap snapshot (SIGUSR2) and waits until it is written and the server answers again. */
async function heapSnapshot(child: ChildProcess, dir: string, url: string): Promise<string> {
  const before = new Set(readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot')));
  child.kill('SIGUSR2');
  for (let waited = 0; waited < 300_000; waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (!file) continue;
    // Writing the snapshot blocks the server: once /healthz answers, the file is complete.
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`the server exited with ${child.exitCode} while writing a heap snapshot`);
      const answered = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) }).then(
        (res) => res.ok,
        () => false,
      );
      if (answered) return path.join(dir, file);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  throw new Error('no heap snapshot appeared');
}

async function main(): Promise<void> {
  const documents = sdkDocuments();
  for (const name of [
    'ThemePage',
    'SearchActivities',
    'Libraries',
    'Regions',
    'Municipalities',
    'CurrentTheme',
    'ActivityDetail',
    'CreateActivity',
    'UpdateActivity',
    'PublishActivity',
    'CancelActivity',
    'DeleteActivity',
  ]) {
    if (!documents.has(name)) throw new Error(`no SDK operation ${name}: run npm run codegen`);
  }
  const doc = (name: string) => documents.get(name)!;
  const database = await freshDatabase();
  const workDir = mkdtempSync(path.join(tmpdir(), 'temahub-soak-run-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...database.env,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
  };
  if (!database.env.DATABASE_URL) delete env.DATABASE_URL;
  let child: ChildProcess | undefined;
  try {
    // The first start migrates and seeds; the token needs the tables, so start, stop, issue, start again.
    const seeding = await startServer(env, workDir);
    seeding.child.kill('SIGTERM');
    await new Promise((resolve) => seeding.child.once('exit', resolve));
    const token = issueToken(env);
    const started = await startServer(env, workDir);
    child = started.child;
    const url = started.url;
    process.stdout.write(
      `soak: ${MINUTES} min, ${CONNECTIONS} connections, ${Math.round(WRITE_SHARE * 100)} % writes, server pid ${child.pid} on the ${database.where}\n`,
    );

    const counts: Counts = { requests: 0, errors: 0, failures: new Map() };
    const setup = await gql(
      url,
      counts,
      '{ theme(slug: "vores-natur") { id } libraries(first: 100) { edges { node { id } } } }',
      {},
      token,
    );
    if (!setup?.theme || !setup.libraries) throw new Error('soak: the set-up query gave no theme or libraries');
    const themeId = setup.theme.id;
    const libraries = setup.libraries.edges.map((e) => e.node.id);
    const activityIds: string[] = [];

    const read = async () => {
      const anonymous = Math.random() < 0.7 ? undefined : token;
      switch (Math.floor(Math.random() * 6)) {
        case 0:
          return gql(url, counts, doc('ThemePage'), { slug: 'vores-natur' }, anonymous);
        case 1: {
          const page = await gql(
            url,
            counts,
            doc('SearchActivities'),
            {
              themeSlug: 'vores-natur',
              first: 1 + Math.floor(Math.random() * 30),
              search: Math.random() < 0.6 ? `${pick(WORDS)} ${pick(WORDS)}` : undefined,
            },
            anonymous,
          );
          const ids = (page?.activities?.edges ?? []).map((e) => e.node.id);
          if (ids.length) await gql(url, counts, doc('ActivityDetail'), { id: pick(ids) }, anonymous);
          return;
        }
        case 2:
          return gql(
            url,
            counts,
            doc('Libraries'),
            {
              first: 1 + Math.floor(Math.random() * 50),
              filter: Math.random() < 0.5 ? { search: pick(WORDS).slice(0, 3) } : { region: pick(REGIONS) },
            },
            anonymous,
          );
        case 3:
          return gql(url, counts, doc('Regions'), {}, anonymous);
        case 4:
          return gql(url, counts, doc('Municipalities'), { region: pick(REGIONS) }, anonymous);
        default:
          return gql(url, counts, doc('CurrentTheme'), {}, anonymous);
      }
    };

    const write = async () => {
      const day = 13 + Math.floor(Math.random() * 30);
      const date = new Date(Date.UTC(2020, 3, day, 8, 0));
      const input = {
        themeId,
        libraryId: pick(libraries),
        title: `Soak: ${pick(WORDS)} og ${pick(WORDS)} ${Math.random().toString(36).slice(2, 8)}`,
        description: `Belastningsprøve med ${pick(WORDS)}.`,
        audiences: ['ADULTS'],
        format: 'WALK',
        channel: 'OUTDOORS',
        startsAt: date.toISOString(),
        endsAt: new Date(date.getTime() + 2 * 3600_000).toISOString(),
      };
      const created = await gql(url, counts, doc('CreateActivity'), { input }, token);
      const activity = created?.createActivity;
      if (!activity) return;
      const updated = await gql(
        url,
        counts,
        doc('UpdateActivity'),
        { id: activity.id, version: activity.version, input: { capacity: 10 + Math.floor(Math.random() * 90) } },
        token,
      );
      if (Math.random() < 0.3) {
        await gql(url, counts, doc('DeleteActivity'), { id: activity.id }, token);
        return;
      }
      if (!updated) return;
      await gql(url, counts, doc('PublishActivity'), { id: activity.id }, token);
      activityIds.push(activity.id);
      if (activityIds.length > 200) {
        await gql(
          url,
          counts,
          doc('CancelActivity'),
          { id: activityIds.shift()!, reason: 'Belastningsprøven rydder op.' },
          token,
        );
      }
    };

    const endAt = Date.now() + MINUTES * 60_000;
    let stop = false;
    const worker = async () => {
      while (!stop && Date.now() < endAt) await (Math.random() < WRITE_SHARE ? write() : read());
    };

    // Warm-up (a tenth of the time, at most a minute), then the baseline and the optional snapshot.
    const warmUpMs = Math.min(60_000, MINUTES * 6_000);
    const workers = Array.from({ length: CONNECTIONS }, worker);
    await new Promise((resolve) => setTimeout(resolve, warmUpMs));
    const baselineSnapshot = SNAPSHOTS ? await heapSnapshot(child, workDir, url) : undefined;

    const samples: { at: number; rss: number; heap: number; requests: number; errors: number }[] = [];
    const sample = async () => {
      const rss = (await metric(url, 'process_resident_memory_bytes')) ?? 0;
      const heap = (await metric(url, 'nodejs_heap_size_used_bytes')) ?? 0;
      const at = (Date.now() - (endAt - MINUTES * 60_000)) / 60_000;
      const previous = samples.at(-1);
      samples.push({ at, rss, heap, requests: counts.requests, errors: counts.errors });
      const rate = previous ? Math.round((counts.requests - previous.requests) / ((at - previous.at) * 60)) : undefined;
      process.stdout.write(
        `${at.toFixed(1).padStart(5)} min  RSS ${(rss / 2 ** 20).toFixed(0).padStart(4)} MB  heap ${(heap / 2 ** 20).toFixed(0).padStart(4)} MB  ` +
          `${String(counts.requests).padStart(8)} requests${rate === undefined ? '' : ` (${rate}/s)`}  ${counts.errors} errors\n`,
      );
    };
    await sample();
    const timer = setInterval(() => void sample(), SAMPLE_SECONDS * 1_000);
    await Promise.all(workers);
    stop = true;
    clearInterval(timer);
    await sample();

    if (counts.failures.size)
      process.stdout.write(`failures: ${[...counts.failures].map(([k, n]) => `${k} × ${n}`).join(', ')}\n`);
    const baseline = samples[0]!;
    const last = samples.at(-1)!;
    const half = samples.slice(Math.floor(samples.length / 2));
    const spread = (Math.max(...half.map((s) => s.rss)) - Math.min(...half.map((s) => s.rss))) / 2 ** 20;
    process.stdout.write(
      `RSS ${(baseline.rss / 2 ** 20).toFixed(0)} → ${(last.rss / 2 ** 20).toFixed(0)} MB after the warm-up; over the second half it moved within ${spread.toFixed(0)} MB.\n`,
    );

    if (baselineSnapshot) {
      const finalSnapshot = await heapSnapshot(child, workDir, url);
      const before = summariseSnapshot(baselineSnapshot);
      const after = summariseSnapshot(finalSnapshot);
      const growth = [...after]
        .map(([name, a]) => ({
          name,
          count: a.count - (before.get(name)?.count ?? 0),
          size: a.size - (before.get(name)?.size ?? 0),
        }))
        .sort((x, y) => y.size - x.size)
        .slice(0, 15);
      process.stdout.write('heap growth between the snapshots (self size, objects), largest first:\n');
      for (const g of growth)
        process.stdout.write(
          `  ${(g.size / 1024).toFixed(0).padStart(8)} KB  ${String(g.count).padStart(8)}  ${g.name.slice(0, 80)}\n`,
        );
    }
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    rmSync(workDir, { recursive: true, force: true });
    await database.drop();
  }
}

main().catch((err) => {
  process.stderr.write(`soak: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
