#!/usr/bin/env node
// Serves the Chime mocks over HTTP: `chime-mock-server [--port 4010] [--host 127.0.0.1] [--seed s] [--strict]`
// (`pnpm mock:serve -- --port 4010` in this repository). Stops on Ctrl-C. Needs the package built.
import { parseArgs } from 'node:util';

const USAGE = `Usage: chime-mock-server [options]

Serves the Chime API mocks over HTTP, answering as the service would.
State is kept between requests: an update persists for later calls.

Options:
  --port <n>     port to listen on (default 4010; 0 picks a free one)
  --host <addr>  address to listen on (default 127.0.0.1, loopback only)
  --seed <text>  seed for made-up data and request ids (deterministic per seed)
  --strict       answer 404 NotFoundException for resources never created
  -h, --help     print this help

Example: chime-mock-server --port 4010 --strict
         curl -X POST http://127.0.0.1:4010/accounts/a1/users/u1 -H 'content-type: application/json' -d '{"LicenseType":"Pro"}'`;

/** Refuses the command line: one line naming the problem, then the usage, exit 2. */
function refuse(problem) {
  process.stderr.write(`chime-mock-server: ${problem}\n\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    // `pnpm mock:serve -- --port 4010` passes the `--` through
    args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  // parseArgs' own message names the flag: "Unknown option '--nope'. ..."; keep its first sentence
  const message = error instanceof Error ? error.message.split(/\. /)[0].replace(/\.$/, '') : String(error);
  refuse(message.charAt(0).toLowerCase() + message.slice(1));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65_535)
  refuse(`--port must be a number from 0 to 65535, not '${values.port}'`);

const { createChimeMocks } = await import('../dist/index.js');
const { startMockServer } = await import('../dist/server.js');
const mocks = createChimeMocks({
  ...(values.seed ? { seed: values.seed } : {}),
  store: values.strict ? { strict: true } : {},
});
const server = await startMockServer({ port, host: values.host, handlers: mocks.handlers });
console.log(`Chime mock server listening on ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close().then(() => process.exit(0)));
