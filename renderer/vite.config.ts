// Builds the renderer into dist/renderer. base './' because Electron loads it from a custom protocol (and
// browser mode from the loopback server), so no asset URL may assume a fixed origin or root path.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inlined data: URLs for scripts/styles, and no modulepreload polyfill (it would be an inline script
    // under a CSP that forbids them; every supported runtime has native modulepreload).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: 'es2022',
  },
  server: { strictPort: true },
});
