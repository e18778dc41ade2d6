import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for libraries' websites: a real HTTP server on 127.0.0.1 whose answers a test sets
 * per path (status, content type, body, headers). It records the requests it got.
 */
export interface FixtureAnswer {
  status?: number;
  type?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Answer after this many milliseconds (a slow website). */
  delayMs?: number;
}

export interface FixtureSite {
  origin: string;
  port: number;
  set(path: string, answer: FixtureAnswer | (() => FixtureAnswer)): void;
  requests: { path: string; query: URLSearchParams; userAgent: string | undefined; accept: string | undefined }[];
  close(): Promise<void>;
}

export async function startFixtureSite(): Promise<FixtureSite> {
  const routes = new Map<string, FixtureAnswer | (() => FixtureAnswer)>();
  const requests: FixtureSite['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    requests.push({
      path: url.pathname,
      query: url.searchParams,
      userAgent: req.headers['user-agent'],
      accept: req.headers.accept,
    });
    const route = routes.get(url.pathname);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const answer = typeof route === 'function' ? route() : route;
    setTimeout(() => {
      res.writeHead(answer.status ?? 200, {
        ...(answer.type ? { 'content-type': answer.type } : {}),
        ...answer.headers,
      });
      res.end(answer.body ?? '');
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    set: (path, answer) => routes.set(path, answer),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A DPL CMS event as its events API sends it (fields of dpl-cms's openapi.json). */
export function dplEvent(fields: Record<string, unknown> & { uuid: string; title: string }): Record<string, unknown> {
  return {
    url: `https://bibliotek.example/arrangementer/${fields.uuid}`,
    created_at: '2027-01-10T09:00:00+01:00',
    updated_at: '2027-01-10T09:00:00+01:00',
    state: 'Active',
    branches: ['Hovedbiblioteket'],
    address: {
      locationType: 'physical',
      location: 'Hovedbiblioteket',
      street: 'Rendsburggade 2',
      zip_code: 9000,
      city: 'Aalborg',
      country: 'DK',
    },
    categories: [],
    tags: [],
    partners: [],
    ticket_categories: [],
    all_day: false,
    ...fields,
  };
}
