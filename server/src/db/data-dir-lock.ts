import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * PGlite does not lock its data directory, and two processes writing the same files
 * corrupt the database. This lock file holds the owner's PID; a lock whose process is gone
 * (crash, kill -9) is stale and taken over.
 */

/** Name of the lock file inside the data directory. */
export const LOCK_FILE_NAME = 'temahub.lock';

/** A lock file without a readable PID younger than this is being written; older, it is stale. */
const UNREADABLE_LOCK_GRACE_MS = 5_000;

/** The data directory is held by a live process (or already opened by this one). */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';

  constructor(
    readonly dataDir: string,
    /** PID of the holder, undefined when its lock file is still being written. */
    readonly pid: number | undefined,
    readonly lockFile: string,
  ) {
    const holder =
      pid === undefined
        ? 'another process (lock file without a PID yet)'
        : pid === process.pid
          ? `this process (PID ${pid}), which already has it open`
          : `process ${pid}`;
    super(
      `Data directory ${dataDir} is in use by ${holder} (lock file ${lockFile}). ` +
        'Stop the other process, or set DATA_DIR to another directory.',
    );
  }
}

/** A held lock on a data directory. */
export interface DataDirLock {
  readonly dataDir: string;
  readonly lockFile: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** Lock files held by this process, so a second open in the same process is refused too. */
const heldLockFiles = new Set<string>();

/**
 * Takes the lock on `dataDir` (created if missing) or throws DataDirLockedError.
 * The lock is also removed when the process exits normally.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const dir = realpathSync(resolve(dataDir));
  const lockFile = join(dir, LOCK_FILE_NAME);
  if (heldLockFiles.has(lockFile)) throw new DataDirLockedError(dir, process.pid, lockFile);

  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreateLockFile(lockFile)) return holdLock(dir, lockFile);

    const owner = readOwner(lockFile);
    if (owner.kind === 'gone') continue;
    if (owner.kind === 'pid' && owner.pid !== process.pid && isAlive(owner.pid)) {
      throw new DataDirLockedError(dir, owner.pid, lockFile);
    }
    if (owner.kind === 'unreadable' && owner.ageMs < UNREADABLE_LOCK_GRACE_MS) {
      throw new DataDirLockedError(dir, undefined, lockFile);
    }
    // Stale: its process is gone, or it carries our own PID without this process holding it
    // (a container restart gives the new process the PID of the old one, often 1).
    removeIfPresent(lockFile);
  }
  throw new Error(`Could not take the lock ${lockFile}: it keeps changing; is another process starting?`);
}

function tryCreateLockFile(lockFile: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function holdLock(dataDir: string, lockFile: string): DataDirLock {
  heldLockFiles.add(lockFile);
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    heldLockFiles.delete(lockFile);
    process.removeListener('exit', release);
    const owner = readOwner(lockFile);
    if (owner.kind === 'pid' && owner.pid === process.pid) removeIfPresent(lockFile);
  };
  process.on('exit', release);
  return { dataDir, lockFile, release };
}

type Owner = { kind: 'pid'; pid: number } | { kind: 'unreadable'; ageMs: number } | { kind: 'gone' };

function readOwner(lockFile: string): Owner {
  try {
    const text = readFileSync(lockFile, 'utf8').trim();
    if (/^[1-9][0-9]*$/.test(text)) return { kind: 'pid', pid: Number(text) };
    return { kind: 'unreadable', ageMs: Date.now() - statSync(lockFile).mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw err;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
