import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken, mainLibraryId } from './support/tokens.js';
import { usesPostgres } from './support/databases.js';

const run = promisify(execFile);

let server: TestServer;
let coordinator: string;
let aarhus: string;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = (await issueToken(server.db, 'COORDINATOR', { name: 'Aalborg koordinator' })).token;
  aarhus = await mainLibraryId(server.db, 751);
});
afterAll(async () => {
  await server?.stop();
});

const VIEWER = graphql(`
  query TokensViewer {
    viewer {
      role
      tokenName
      tokenId
      library {
        id
        isil
        name
      }
    }
  }
`);

async function raw(token: string | undefined, headers: Record<string, string> = {}) {
  const res = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token !== undefined ? { authorization: token } : {}),
      ...headers,
    },
    body: JSON.stringify({ query: VIEWER }),
  });
  return {
    status: res.status,
    wwwAuthenticate: res.headers.get('www-authenticate'),
    body: (await res.json()) as Refusal,
  };
}

/** A GraphQL answer over HTTP that carries errors. */
interface Refusal {
  data?: unknown;
  errors: { message: string; extensions: { code: string } }[];
}

describe('viewer', () => {
  it('is all nulls for anonymous callers', async () => {
    const { viewer } = await server.ok(VIEWER);
    expect(viewer).toEqual({ role: null, tokenName: null, tokenId: null, library: null });
  });

  it('names the role, token and library of a staff token', async () => {
    const staff = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: aarhus, name: 'Aarhus web' });
    const { viewer } = await server.ok(VIEWER, {}, { token: staff.token });
    expect(viewer).toMatchObject({
      role: 'LIBRARY_STAFF',
      tokenName: 'Aarhus web',
      tokenId: staff.id,
      library: { id: aarhus, isil: 'DK-775100' },
    });
  });
});

describe('bad tokens', () => {
  it('answers unknown, malformed and revoked tokens alike: HTTP 401, UNAUTHENTICATED, same message', async () => {
    const revoked = await issueToken(server.db, 'PARTNER');
    await server.db.query(`UPDATE api_token SET revoked_at = now() WHERE id = $1`, [revoked.id]);
    const cases = {
      unknown: `Bearer th_${'A'.repeat(43)}`,
      malformed: 'Bearer not-a-token',
      notBearer: 'Basic dXNlcjpwYXNz',
      revoked: `Bearer ${revoked.token}`,
    };
    const answers = await Promise.all(Object.values(cases).map((header) => raw(header)));
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.wwwAuthenticate).toBe('Bearer');
      expect(a.body.data).toBeUndefined();
      expect(a.body.errors).toHaveLength(1);
      expect(a.body.errors[0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      expect(a.body.errors[0]!.message).toBe(answers[0]!.body.errors[0]!.message);
    }
    expect(answers[0]!.body.errors[0]!.message).toMatch(/Bearer/);
  });

  it('treats a GET request with a bad token the same way', async () => {
    const res = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('{ viewer { role } }')}`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as Refusal).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('createApiToken and revokeApiToken', () => {
  const CREATE = graphql(`
    mutation TokensCreate($input: CreateApiTokenInput!) {
      createApiToken(input: $input) {
        id
        name
        role
        token
      }
    }
  `);
  const REVOKE = graphql(`
    mutation TokensRevoke($id: ID!) {
      revokeApiToken(id: $id)
    }
  `);

  it('creates a staff token that works at once, and revocation stops the very same request', async () => {
    const { createApiToken: created } = await server.ok(
      CREATE,
      { input: { name: 'Aarhus platform', role: 'LIBRARY_STAFF', libraryId: aarhus } },
      { token: coordinator },
    );
    expect(created).toMatchObject({ name: 'Aarhus platform', role: 'LIBRARY_STAFF' });
    expect(created.token).toMatch(/^th_[A-Za-z0-9_-]{43}$/);
    const [stored] = await server.db.query(`SELECT token_hash, library_id FROM api_token WHERE id = $1`, [created.id]);
    expect(stored.library_id).toBe(aarhus);
    expect(stored.token_hash).not.toContain(created.token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const before = await server.ok(VIEWER, {}, { token: created.token });
    expect(before.viewer).toMatchObject({
      role: 'LIBRARY_STAFF',
      tokenName: 'Aarhus platform',
      library: { id: aarhus },
    });

    expect((await server.ok(REVOKE, { id: created.id }, { token: coordinator })).revokeApiToken).toBe(true);
    const after = await raw(`Bearer ${created.token}`);
    expect(after.status).toBe(401);
    expect(after.body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    // Revoking again is harmless.
    expect((await server.ok(REVOKE, { id: created.id }, { token: coordinator })).revokeApiToken).toBe(true);

    const events = await server.db.query(
      `SELECT action, actor_name FROM audit_event WHERE entity_type = 'ApiToken' AND entity_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(events).toEqual([
      { action: 'create', actor_name: 'Aalborg koordinator' },
      { action: 'revoke', actor_name: 'Aalborg koordinator' },
    ]);
  });

  it('lists tokens for coordinators without the secret', async () => {
    const res = await server.ok(
      graphql(`
        query TokensApiTokens {
          apiTokens(includeRevoked: true) {
            id
            name
            role
            createdAt
            lastUsedAt
            revokedAt
            library {
              isil
            }
          }
        }
      `),
      {},
      { token: coordinator },
    );
    expect(res.apiTokens.length).toBeGreaterThan(1);
    expect(JSON.stringify(res)).not.toMatch(/th_[A-Za-z0-9_-]{43}/);
    expect(res.apiTokens.find((t) => t.name === 'Aarhus platform')).toMatchObject({
      role: 'LIBRARY_STAFF',
      library: { isil: 'DK-775100' },
    });
  });

  it('checks the role and library combination', async () => {
    const missing = await server.gql(CREATE, { input: { name: 'x', role: 'LIBRARY_STAFF' } }, { token: coordinator });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.libraryId' });
    const extra = await server.gql(
      CREATE,
      { input: { name: 'x', role: 'PARTNER', libraryId: aarhus } },
      { token: coordinator },
    );
    expect(extra.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.libraryId' });
    const unknown = await server.gql(
      CREATE,
      { input: { name: 'x', role: 'LIBRARY_STAFF', libraryId: '00000000-0000-4000-8000-000000000000' } },
      { token: coordinator },
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.libraryId' });
    const blank = await server.gql(CREATE, { input: { name: '   ', role: 'PARTNER' } }, { token: coordinator });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const revokeUnknown = await server.gql(
      REVOKE,
      { id: '00000000-0000-4000-8000-000000000000' },
      { token: coordinator },
    );
    expect(revokeUnknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const revokeMalformed = await server.gql(REVOKE, { id: 'th_not-an-id' }, { token: coordinator });
    expect(revokeMalformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('the token CLI', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', '@swc-node/register/esm-register', 'server/src/cli/token.ts', ...args], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL ?? '' },
      timeout: 120_000,
    });

  it.runIf(usesPostgres)('prints a staff token as its last line, and the server accepts it', async () => {
    const { stdout } = await cli(['--role', 'LIBRARY_STAFF', '--library', 'DK-775100'], {
      DATABASE_URL: server.config.databaseUrl!,
    });
    const token = stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^th_[A-Za-z0-9_-]{43}$/);
    const { viewer } = await server.ok(VIEWER, {}, { token });
    expect(viewer).toMatchObject({ role: 'LIBRARY_STAFF', library: { id: aarhus } });
    const [event] = await server.db.query(
      `SELECT actor_name, actor_role FROM audit_event WHERE entity_type = 'ApiToken' ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({ actor_name: 'command line', actor_role: null });
  });

  it.runIf(usesPostgres)('prints a coordinator token by --name, accepted by the server', async () => {
    const { stdout } = await cli(['--role', 'coordinator', '--name', 'Roskilde – koordinator'], {
      DATABASE_URL: server.config.databaseUrl!,
    });
    const token = stdout.trim().split('\n').at(-1)!;
    const { viewer } = await server.ok(VIEWER, {}, { token });
    expect(viewer).toMatchObject({ role: 'COORDINATOR', tokenName: 'Roskilde – koordinator', library: null });
  });

  it('fails with one clear line for bad arguments', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'temahub-cli-'));
    try {
      const env: Record<string, string> = usesPostgres
        ? { DATABASE_URL: server.config.databaseUrl! }
        : { DATA_DIR: dataDir };
      const cases: [string[], RegExp][] = [
        [['--role', 'ADMIN', '--name', 'x'], /--role must be one of PARTNER, LIBRARY_STAFF, COORDINATOR/],
        [['--role', 'LIBRARY_STAFF'], /--library .* is required/],
        [['--role', 'COORDINATOR'], /--name .* is required/],
        [['--role', 'LIBRARY_STAFF', '--library', 'DK-999999'], /no library with ISIL DK-999999/],
        [['--role', 'LIBRARY_STAFF', '--library', 'Aarhus'], /--library must be a library id \(UUID\) or an ISIL/],
      ];
      for (const [args, message] of cases) {
        const failure = await cli(args, env).then(
          () => undefined,
          (err: { code: number; stderr: string; stdout: string }) => err,
        );
        expect(failure, args.join(' ')).toBeDefined();
        expect(failure!.code).toBe(1);
        expect(failure!.stderr.trim().split('\n')).toHaveLength(1);
        expect(failure!.stderr).toMatch(message);
        expect(failure!.stdout).not.toMatch(/th_/);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.runIf(!usesPostgres)('creates a token in an embedded database after migrating it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'temahub-cli-'));
    try {
      const { stdout } = await cli(['--role', 'PARTNER', '--name', 'DR Skole'], { DATA_DIR: dataDir });
      expect(stdout.trim().split('\n').at(-1)).toMatch(/^th_[A-Za-z0-9_-]{43}$/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
