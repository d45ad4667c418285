/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'
import { vuetifyCatalog } from './build/vuetify-catalog'

// The app's own templates get Vuetify components auto-imported (tree-shaken).
// Plugin JSON names components at run time: `virtual:vuetify-catalog` maps every
// Vuetify 3 component name to a lazy import of its folder (one chunk per folder).
export default defineConfig({
  base: './',
  plugins: [vue(), vuetify({ autoImport: true }), vuetifyCatalog()],
  build: {
    target: 'es2020',
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.spec.ts'],
    server: { deps: { inline: ['vuetify'] } },
    css: false,
    setupFiles: ['tests/setup.ts'],
  },
})
