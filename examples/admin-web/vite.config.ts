import { defineConfig, type Plugin } from 'vite';

/**
 * Resolves `msw` and `msw/*` (the page's imports and @chime-api/mocks' own) to
 * the msw this package installed under another name, from this package: one
 * copy in the bundle, as in an app whose only msw is that one.
 */
function mswAs(name: string): Plugin {
  const from = new URL('./index.html', import.meta.url).pathname;
  return {
    name: 'msw-as',
    enforce: 'pre',
    resolveId(source, _importer, options) {
      if (source !== 'msw' && !source.startsWith('msw/')) return null;
      return this.resolve(name + source.slice('msw'.length), from, { ...options, skipSelf: true });
    },
  };
}

// `vite build --mode msw3`: the same page on msw 3 (the `msw3` devDependency)
// with msw 3's worker script, into dist/msw3/ (`ADMIN_WEB_MSW=3` tests it).
export default defineConfig(({ mode }) =>
  mode === 'msw3'
    ? {
        build: { target: 'es2022', sourcemap: true, outDir: 'dist/msw3' },
        publicDir: '.tmp/public-msw3',
        plugins: [mswAs('msw3')],
      }
    : { build: { target: 'es2022', sourcemap: true } },
);
