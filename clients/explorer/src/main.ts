// The self-hosted GraphiQL: bundled with its editor and workers, so it needs nothing but this
// server (municipal networks often block the CDNs a hosted sandbox loads from).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { WELCOME, exampleTabs } from './examples.js';

/** POSTs to the /graphql of this server with the header editor's headers. */
async function fetcher(params: unknown, options?: { headers?: Record<string, string> }): Promise<unknown> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...options?.headers,
    },
    body: JSON.stringify(params),
  });
  return response.json();
}

createRoot(document.getElementById('explorer')!).render(
  createElement(GraphiQL, {
    fetcher: fetcher as never,
    defaultTabs: [{ query: WELCOME, headers: '{}' }, ...exampleTabs()],
    defaultHeaders: '{}',
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false,
  }),
);
