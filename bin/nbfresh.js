#!/usr/bin/env node
// Thin launcher: the CLI is compiled to CommonJS in cli/ by `jlpm build:cli`.
require('../cli/cli/main.js')
  .main(process.argv.slice(2))
  .then(code => {
    process.exitCode = code;
  });
