import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Apollo Server as the last Express handler of /graphql: what `@as-integrations/express5` does,
 * minus two costs on every answer. A POST's answer is written with `res.end` and its byte length:
 * Express's `res.send` copies the text into a Buffer and hashes it for an ETag, which a POST
 * cannot use (no cache revalidates a POST). A GET's answer still goes through `res.send`, ETag and
 * `304 Not Modified` included, for partners' caches. The query string is cut from the URL
 * instead of parsing the whole URL.
 */
export function apolloHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: ContextFunction<[{ req: Request; res: Response }], TContext>,
): RequestHandler {
  server.assertStarted('apolloHandler()');
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const query = req.url.indexOf('?');
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: query < 0 ? '' : req.url.slice(query),
        body: req.body,
      },
      context: () => context({ req, res }),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      const body = answer.body.string;
      if (req.method !== 'POST') {
        res.send(body);
        return;
      }
      // As bytes once: a string would be flattened for its length and converted again on write.
      const bytes = Buffer.from(body, 'utf8');
      res.setHeader('Content-Length', bytes.length);
      res.end(bytes);
      return;
    }
    // Incremental delivery (@defer): chunks as they come.
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
