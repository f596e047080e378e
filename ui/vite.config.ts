import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Everything is bundled: no CDN, no remote fonts. The app's CSP (see
// src-tauri/tauri.conf.json) refuses anything not from the app itself.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari15", outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0 },
  test: { include: ["test/**/*.test.ts"], environment: "node" },
});
