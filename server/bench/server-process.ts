import { spawn, type ChildProcess } from 'node:child_process';

/** A server started by a benchmark in a process of its own. */
export interface ServerProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Starts `node <args>` with exactly `env` and resolves once its stdout matches `ready`; rejects
 * when it exits first. Its stderr goes to ours.
 */
export async function startServerProcess(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (ready.test(out)) resolve();
    });
    void exited.then((code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${out}`)));
  });
  return { name, child, exited };
}
