// Bundles the built CLI (dist/main/cli.js and everything it imports, command modules
// included) into one CommonJS file, dist/main/cli.bundle.cjs, which bin/scrobbletray.js
// loads. Why: a player hook runs `scrobbletray scrobble` once per track, and on Node 20 the
// ES module loader reading ~200 files one by one, zod's ~50 locales and undici cost most of
// its start (docs/PERFORMANCE.md, "cli-startup"). One file, with only zod's English
// messages (the only ones we show), starts in about two thirds of the time.
//
// Run by `npm run build` after tsc; it reads tsc's output, so the code is the same code.
// test/integration/cli-bundle.test.ts runs the bundle against the sources.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, 'dist', 'main');

// Native addons load from node_modules at run time; Electron is never needed by the CLI;
// D-Bus is imported only when a player watcher starts (a `watch` or `serve`), so it stays
// out of the file every command parses.
const EXTERNAL = ['better-sqlite3', 'keytar', 'electron', '@jellybrick/dbus-next'];

// Each module's import.meta.url becomes that module's own file URL in dist/main (the bundle
// lives there), so relative paths (package.json, the window's files, require of keytar)
// resolve as they do unbundled. Defined once at the top of the bundle.
const MODULE_URL = `const __moduleUrl = (p) => require('node:url').pathToFileURL(require('node:path').join(__dirname, p)).href;`;

/** Our modules as tsc wrote them, with import.meta.url and undici's lazy requires made bundleable. */
const ourModules = {
  name: 'scrobbletray-modules',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]main[\\/].*\.js$/ }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      const rel = relative(MAIN, args.path).split('\\').join('/');
      text = text.replaceAll('import.meta.url', `__moduleUrl(${JSON.stringify(rel)})`);
      // src/main/net/undici.ts loads undici's request() and Agent through createRequire;
      // as plain require() calls esbuild can put those modules in the bundle.
      if (rel === 'net/undici.js') text = text.replace(/\bload\((['"]undici\/)/g, 'require($1');
      return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * zod's core re-exports every locale (`export * as locales`), and our use of the `z`
 * namespace keeps them all; we never switch locale, and zod registers English by itself
 * (classic/schemas.js). The locale index becomes English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), args.path), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from './en.js';`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

const result = await build({
  entryPoints: [join(MAIN, 'cli.js')],
  outfile: join(MAIN, 'cli.bundle.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: EXTERNAL,
  banner: { js: MODULE_URL },
  plugins: [ourModules, zodEnglishOnly],
  logLevel: 'warning',
});
if (result.errors.length > 0) throw new Error('bundling the CLI failed');
