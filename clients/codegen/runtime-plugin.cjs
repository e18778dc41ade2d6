// Codegen plugin: emits clients/codegen/runtime.ts unchanged, so that every SDK package carries
// its own copy of the one shared transport and depends on nothing at run time.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

exports.plugin = function plugin() {
  return readFileSync(join(__dirname, 'runtime.ts'), 'utf8');
};
