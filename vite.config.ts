import { defineConfig } from 'vite';

// The window is plain Preact: esbuild compiles its JSX, so no plugin is needed. Paths are
// relative (base './') because Electron loads the build from file:// and the headless server
// serves it from its own root.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    rollupOptions: {
      // zod's sources carry /* @__PURE__ */ hints Rollup cannot place; harmless, and noise.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod/')) {
          return;
        }
        warn(warning);
      },
    },
  },
});
