/**
 * A throwaway npm registry for the release test: Verdaccio on 127.0.0.1 at a
 * free port, its storage in <dir>. `@chime-api/*` is local only (never asked
 * of an uplink); everything else is proxied to the npm registry this machine
 * uses. Creates a publisher and prints one JSON line: { url, token }.
 * Stops on SIGTERM or SIGINT (or, with STOP_WHEN_STDIN_ENDS=1, when stdin ends).
 * Run: node packages/release-test/scripts/registry.mjs <dir> [uplink-url]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runServer } from 'verdaccio';

const dir = resolve(process.argv[2] ?? '.tmp/registry');
const uplink = process.argv[3] ?? 'https://registry.npmjs.org/';
mkdirSync(join(dir, 'storage'), { recursive: true });
const config = join(dir, 'config.yaml');
writeFileSync(
  config,
  `storage: ${JSON.stringify(join(dir, 'storage'))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, 'htpasswd'))}
    max_users: 10
uplinks:
  npmjs:
    url: ${JSON.stringify(uplink)}
    # A slow answer from the npm registry during a full parallel test run is not
    # an outage: wait longer, and do not mark the uplink offline (Verdaccio's
    # default turns 2 failures into 5 minutes of 404s for every package).
    timeout: 120s
    max_fails: 1000
    fail_timeout: 1s
packages:
  '@chime-api/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`,
);

const server = await runServer(config);
await new Promise((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
const { port } = server.address();
const url = `http://127.0.0.1:${port}/`;
const response = await fetch(`${url}-/user/org.couchdb.user:release`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'release', password: 'release-test-only' }),
});
const { token } = await response.json();
if (!token) throw new Error(`registry: could not create the publisher (HTTP ${response.status})`);
console.log(JSON.stringify({ url, token }));
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop).once('SIGINT', stop);
// A test starts it with STOP_WHEN_STDIN_ENDS=1 and a pipe on stdin: when the test process goes, so does the server.
if (process.env.STOP_WHEN_STDIN_ENDS === '1') process.stdin.once('end', stop).resume();
