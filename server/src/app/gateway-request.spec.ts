import { spawnSync } from 'node:child_process';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { CompiledExecution } from './compiled-execution.js';

const SDL = 'type Query { answer: Int }';

/** An Apollo Server whose gateway executor (as compiled execution is) records `response.http`. */
function serverRecording(seen: object[]): ApolloServer {
  const schema = buildSchema(SDL);
  const gateway = {
    onSchemaLoadOrUpdate(callback: (s: { apiSchema: typeof schema; coreSupergraphSdl: string }) => void) {
      callback({ apiSchema: schema, coreSupergraphSdl: SDL });
      return () => {};
    },
    async load() {
      return {
        executor: async (request: { response: { http: { status?: number } } }) => {
          seen.push(request.response.http);
          request.response.http.status = 203;
          return { data: { answer: 42 } };
        },
      };
    },
    async stop() {},
  } as unknown as CompiledExecution;
  return new ApolloServer({ gateway });
}

describe("Apollo's request context for the compiled executor (scripts/patch-dependencies.mjs)", () => {
  it('holds the HTTP status in accessors on a shared prototype, not in new closures per request', async () => {
    const seen: object[] = [];
    const server = serverRecording(seen);
    await server.start();
    try {
      for (let i = 0; i < 2; i++) {
        const answer = await server.executeOperation({ query: '{ answer }' });
        // The executor's write still reaches the answer.
        expect(answer.http.status).toBe(203);
      }
    } finally {
      await server.stop();
    }
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    // Own accessors would be new closures on a new map for every request (see the script).
    expect(Object.getOwnPropertyDescriptor(seen[0], 'status')).toBeUndefined();
    expect(Object.getPrototypeOf(seen[0])).toBe(Object.getPrototypeOf(seen[1]));
    expect((seen[0] as { status?: number }).status).toBe(203);
  });

  it('applies again without a change (npm runs it after every install)', () => {
    const run = spawnSync(process.execPath, ['scripts/patch-dependencies.mjs'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
