#!/usr/bin/env node
// Applies Temahub's patches to installed dependencies; npm runs it after every install
// (`postinstall`). Each patch names the package version it was written for and the exact text it
// replaces. It is idempotent (a file that already holds the new text is left alone) and fails the
// install loudly when the installed package differs: whoever upgrades the package then decides
// whether the patch is still needed. `npm ci --ignore-scripts` skips it: behaviour is the same
// without it, only slower (server/src/app/gateway-request.spec.ts checks it is in place).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const PATCHES = [
  {
    package: '@apollo/server',
    version: '5.5.1',
    // Apollo hands a gateway executor (ours: compiled execution) `response.http` with a `status`
    // getter/setter pair written as an object literal, so every request gets new accessor
    // closures, and V8 a new map for them in the old generation. Until the next full collection
    // that map keeps the closures, and through them the whole request (Apollo's request context,
    // ours, the rows, the result), reachable for minor collections: a quarter of everything a
    // theme page allocated was copied twice and promoted. The same accessors on a class
    // prototype: one shared map, and a finished request dies young.
    files: ['dist/esm/utils/makeGatewayGraphQLRequestContext.js', 'dist/cjs/utils/makeGatewayGraphQLRequestContext.js'],
    replacements: [
      {
        from: `    const response = {
        http: {
            headers: new FetcherHeadersForHeaderMap(newRequestContext.response.http.headers),
            get status() {
                return newRequestContext.response.http.status;
            },
            set status(newStatus) {
                newRequestContext.response.http.status = newStatus;
            },
        },
    };`,
        to: `    // Patched by Temahub (scripts/patch-dependencies.mjs): accessors on a class prototype.
    const response = { http: new GatewayResponseHttp(newRequestContext) };`,
      },
      {
        from: `class FetcherHeadersForHeaderMap {`,
        to: `class GatewayResponseHttp {
    headers;
    #requestContext;
    constructor(requestContext) {
        this.headers = new FetcherHeadersForHeaderMap(requestContext.response.http.headers);
        this.#requestContext = requestContext;
    }
    get status() {
        return this.#requestContext.response.http.status;
    }
    set status(newStatus) {
        this.#requestContext.response.http.status = newStatus;
    }
}
class FetcherHeadersForHeaderMap {`,
      },
    ],
  },
];

let failed = false;
for (const patch of PATCHES) {
  const directory = join(root, 'node_modules', patch.package);
  let version;
  try {
    version = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')).version;
  } catch {
    continue; // not installed (e.g. a production install without it): nothing to patch
  }
  if (version !== patch.version) {
    console.error(`patch-dependencies: ${patch.package} is ${version}, the patch was written for ${patch.version}`);
    failed = true;
    continue;
  }
  for (const file of patch.files) {
    const path = join(directory, file);
    const original = readFileSync(path, 'utf8');
    let text = original;
    for (const { from, to } of patch.replacements) {
      if (text.includes(to)) continue;
      if (!text.includes(from)) {
        console.error(`patch-dependencies: ${patch.package}/${file} does not hold the text the patch replaces`);
        failed = true;
        text = original; // all or nothing
        break;
      }
      text = text.replace(from, to);
    }
    if (text !== original) writeFileSync(path, text);
  }
}
if (failed) {
  console.error('patch-dependencies: review scripts/patch-dependencies.mjs for the installed versions');
  process.exit(1);
}
