// Copies MSW's service worker into a public directory (what `npx msw init
// public` does), so the page can run against @chime-api/mocks. Run by `build`
// and `dev`. The worker must come from the msw the page bundles: the default
// copies msw's (2) into public/; `copy-worker.mjs msw3 .tmp/public-msw3` copies
// the msw 3 this package also installs (as `msw3`) for the msw 3 build.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const [pkg = 'msw', target = 'public'] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve(`${pkg}/package.json`)), 'lib/mockServiceWorker.js');
const out = resolve(import.meta.dirname, '..', target);
mkdirSync(out, { recursive: true });
copyFileSync(source, join(out, 'mockServiceWorker.js'));
