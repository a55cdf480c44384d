import { defineConfig } from 'vite';

// Root is web/; the server serves web/dist with an SPA fallback and the API under /api.
// JSX needs no plugin: Vite 8 (Oxc) compiles it with the automatic runtime, as tsconfig says.
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json: what each route loads, read by bench/web-size.ts and e2e/console-size.test.ts.
    manifest: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // antd marks its files "use client" (for React Server Components); meaningless in an SPA.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // React changes less often than our code: its own chunk stays cached across releases.
        // The router gets its own too, so the login page (which has no routes) does not load it.
        // antd is left to the default splitting: one antd group would put every component any
        // page uses into the first load; split by use, the login page gets Form, Input, Button…
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/](react-router|react-router-dom)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
