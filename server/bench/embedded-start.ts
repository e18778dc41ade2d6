import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess } from './server-process.js';

/**
 * Memory of the embedded database as a newcomer meets it: `npm start`'s server process
 * (node dist/server/src/main.js, no DATABASE_URL) on a new data directory, then again on the
 * same directory (a restart). For each start it prints the peak RSS up to "ready" plus the
 * settle time (the kernel's high-water mark, VmHWM), the RSS once idle, and the time to ready.
 *
 * BENCH_MAIN names another build's main.js (to compare before and after); BENCH_IDLE_SECONDS
 * is how long the server idles before its RSS is read (default 10).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const MAIN = process.env.BENCH_MAIN ?? path.resolve(here, '../src/main.js');
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
const READY = /Temahub is ready at http:\/\/localhost:(\d+)\/graphql/;

interface StartFigures {
  label: string;
  readySeconds: number;
  peakMb: number;
  idleMb: number;
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function startOnce(label: string, dataDir: string): Promise<StartFigures> {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...env } = process.env;
  const started = Date.now();
  const { child, exited } = await startServerProcess(
    label,
    [MAIN],
    { ...env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    READY,
  );
  const readySeconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const figures = { label, readySeconds, peakMb: statusMb(child.pid!, 'VmHWM'), idleMb: statusMb(child.pid!, 'VmRSS') };
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM`);
  return figures;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'temahub-embedded-bench-'));
  try {
    const results = [
      await startOnce('first start (new data dir)', dataDir),
      await startOnce('restart (same data dir)', dataDir),
    ];
    process.stdout.write(
      `\n${MAIN}\n${'start'.padEnd(30)} ${'ready s'.padStart(8)} ${'peak MB'.padStart(8)} ${`idle MB (${IDLE_SECONDS} s)`.padStart(14)}\n`,
    );
    for (const r of results) {
      process.stdout.write(
        `${r.label.padEnd(30)} ${r.readySeconds.toFixed(1).padStart(8)} ${r.peakMb.toFixed(0).padStart(8)} ${r.idleMb.toFixed(0).padStart(14)}\n`,
      );
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
