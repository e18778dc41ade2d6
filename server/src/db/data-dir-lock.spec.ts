import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME } from './data-dir-lock.js';

let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'temahub-lockspec-')));
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const lockFile = (): string => join(dir, LOCK_FILE_NAME);

/** The error acquireDataDirLock throws, or undefined when it took the lock. */
function lockError(dataDir: string): unknown {
  try {
    acquireDataDirLock(dataDir).release();
    return undefined;
  } catch (err) {
    return err;
  }
}

/** A process that stays alive until killed. */
function spawnSleeper(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/** The PID of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** Another Node process taking the lock through this module; resolves once it holds it. */
async function lockInChildProcess(dataDir: string): Promise<ChildProcess> {
  const moduleUrl = pathToFileURL(fileURLToPath(new URL('./data-dir-lock.ts', import.meta.url))).href;
  const script = `
    const { acquireDataDirLock } = await import(${JSON.stringify(moduleUrl)});
    acquireDataDirLock(${JSON.stringify(dataDir)});
    console.log('locked');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', '--input-type=module', '-e', script],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() },
  );
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${stderr}`)));
  });
  return child;
}

describe('data dir lock', () => {
  it('writes our PID to the lock file and removes it on release', () => {
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    lock.release(); // harmless the second time
  });

  it('creates a missing data dir', () => {
    const nested = join(dir, 'a', 'b');
    const lock = acquireDataDirLock(nested);
    expect(existsSync(join(nested, LOCK_FILE_NAME))).toBe(true);
    lock.release();
  });

  it('refuses a second lock in the same process until the first is released', () => {
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
    acquireDataDirLock(dir).release();
  });

  it('refuses a lock held by another live process, naming the directory, the PID and what to do', () => {
    const holder = spawnSleeper();
    writeFileSync(lockFile(), `${holder.pid}\n`);
    const error = lockError(dir);
    expect(error).toBeInstanceOf(DataDirLockedError);
    const locked = error as DataDirLockedError;
    expect(locked.pid).toBe(holder.pid);
    expect(locked.dataDir).toBe(dir);
    expect(locked.message).toContain(dir);
    expect(locked.message).toContain(`process ${holder.pid}`);
    expect(locked.message).toMatch(/Stop the other process, or set DATA_DIR to another directory/);
    // The other process's lock is left alone.
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(holder.pid));
  });

  it('takes over a stale lock whose process is gone', async () => {
    const pid = await deadPid();
    writeFileSync(lockFile(), `${pid}\n`);
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock carrying our own PID that this process does not hold (restarted container)', () => {
    writeFileSync(lockFile(), `${process.pid}\n`);
    acquireDataDirLock(dir).release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('treats a fresh lock file without a PID as held, and an old one as stale', () => {
    writeFileSync(lockFile(), '');
    expect(lockError(dir)).toMatchObject({ name: 'DataDirLockedError', pid: undefined });
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockFile(), aMinuteAgo, aMinuteAgo);
    expect(lockError(dir)).toBeUndefined();
  });

  it('does not remove a lock file that another process has taken over', () => {
    const lock = acquireDataDirLock(dir);
    writeFileSync(lockFile(), '1\n');
    lock.release();
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe('1');
  });

  it('keeps a second process out while the first holds the lock, and lets it in once the first dies', async () => {
    const other = await lockInChildProcess(dir);
    expect(lockError(dir)).toMatchObject({ name: 'DataDirLockedError', pid: other.pid });
    // kill -9: no chance to clean up, the lock file stays behind with a dead PID.
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(other.pid));
    acquireDataDirLock(dir).release();
  }, 30_000);
});
