// Copies MSW's service worker into public/ (what `msw init public` does), so
// the page can run against @chime-api/mocks. Run by `build` and `dev`.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve('msw/package.json')), 'lib/mockServiceWorker.js');
mkdirSync(new URL('../public', import.meta.url), { recursive: true });
copyFileSync(source, new URL('../public/mockServiceWorker.js', import.meta.url));
