import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json is). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the command-line tools (server/src/cli/<name>.ts) from its TypeScript source, as
 * `npm run` would run the compiled file, with the given arguments and environment additions.
 * DATABASE_URL and REDIS_URL of the test run are not passed on unless given in `env`.
 */
export function runCliTool(name: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', path.join(repoRoot, 'server/src/cli', `${name}.ts`), ...args],
      {
        cwd: repoRoot,
        env: { ...inherited, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
