import type { ApolloServerPlugin } from '@apollo/server';
import { ServiceUnavailableError } from '../shared/errors.js';
import { httpHeadersOf } from './errors.js';

/**
 * When any part of an answer failed because the database could not be reached or did not answer
 * in time (SERVICE_UNAVAILABLE, see maskError), the whole answer is HTTP 503 with `Retry-After`
 * and that one error: a partial page is no use to a client that should simply try again, for
 * anonymous callers and token holders alike. (Failures before execution, such as the token
 * look-up, get the same answer through rejectBeforeExecution.)
 */
export const serviceUnavailablePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body?.kind !== 'single') return;
        const unavailable = response.body.singleResult.errors?.find(
          (e) => e.extensions?.code === 'SERVICE_UNAVAILABLE',
        );
        if (!unavailable) return;
        response.http.status = 503;
        for (const [name, value] of httpHeadersOf(new ServiceUnavailableError()))
          response.http.headers.set(name, value);
        response.body = {
          kind: 'single',
          singleResult: { errors: [{ message: unavailable.message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
        };
      },
    };
  },
};
