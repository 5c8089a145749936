/**
 * A self-hosted Turborepo remote cache for the build-cache test:
 * turborepo-remote-cache on 127.0.0.1 at a free port, artifacts stored as files
 * in <dir>, requests authorised by <token>. Prints one JSON line: { url }.
 * Point turbo at it with TURBO_API=<url> TURBO_TOKEN=<token> TURBO_TEAM=<any>.
 * Stops on SIGTERM or SIGINT (or, with STOP_WHEN_STDIN_ENDS=1, when stdin ends).
 * Run: node packages/release-test/scripts/cache-server.mjs <dir> <token>
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? '.tmp/turbo-cache');
mkdirSync(dir, { recursive: true });
// The server reads its settings from the environment when it is first imported.
Object.assign(process.env, {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  STORAGE_PROVIDER: 'local',
  STORAGE_PATH: dir,
  STORAGE_PATH_USE_TMP_FOLDER: 'false',
  TURBO_TOKEN: process.argv[3] ?? 'local-cache-token',
  LOG_LEVEL: 'warn',
  ENABLE_STATUS_LOG: 'false',
});
const { createApp } = await import('turborepo-remote-cache');
const app = createApp({ trustProxy: false });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ url: address }));
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGTERM', stop).once('SIGINT', stop);
// A test starts it with STOP_WHEN_STDIN_ENDS=1 and a pipe on stdin: when the test process goes, so does the server.
if (process.env.STOP_WHEN_STDIN_ENDS === '1') process.stdin.once('end', stop).resume();
