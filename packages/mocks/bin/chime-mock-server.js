#!/usr/bin/env node
// Serves the Chime mocks on 127.0.0.1: `pnpm mock:serve [--port 4010] [--seed s] [--strict]`.
// Stops on Ctrl-C. Needs the package built (`pnpm build`).
import { parseArgs } from 'node:util';
import { createChimeMocks } from '../dist/index.js';
import { startMockServer } from '../dist/server.js';

const { values } = parseArgs({
  // `pnpm mock:serve -- --port 4010` passes the `--` through
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    strict: { type: 'boolean', default: false },
  },
});
const mocks = createChimeMocks({
  ...(values.seed ? { seed: values.seed } : {}),
  ...(values.strict ? { store: { strict: true } } : { store: {} }),
});
const server = await startMockServer({ port: Number(values.port), host: values.host, handlers: mocks.handlers });
console.log(`Chime mock server listening on ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close().then(() => process.exit(0)));
