import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../shared/context.js';

/**
 * Completes Apollo's cache-control plugin (which turns the schema's @cacheControl hints into
 * `Cache-Control: max-age=N, public`, and sends `no-store` for errors, mutations and anything
 * without hints): responses to token holders can contain drafts and attendance figures, so they
 * are `no-store`; and every response varies by Authorization so a shared cache never hands an
 * anonymous answer to a token holder. Must be listed before Apollo adds its own plugin (it does
 * so after the configured ones).
 */
export const cachePolicyPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ contextValue, overallCachePolicy }) {
    // maxAge 0 before execution: Apollo then skips the hints and answers no-store.
    if (contextValue.viewer.role !== null) overallCachePolicy.restrict({ maxAge: 0, scope: 'PRIVATE' });
    return {
      async willSendResponse({ response }) {
        const vary = response.http.headers.get('vary');
        if (!vary?.toLowerCase().includes('authorization')) response.http.headers.set('vary', vary ? `${vary}, Authorization` : 'Authorization');
      },
    };
  },
};
