#!/usr/bin/env node
import { runCli } from './run-cli';

runCli(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`helpdesk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
