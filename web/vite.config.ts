/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'
import { vuetifyCatalog } from './build/vuetify-catalog'

// The app's own templates get Vuetify components auto-imported (tree-shaken).
// Plugin JSON names components at run time: `virtual:vuetify-catalog` maps every
// Vuetify 3 component name to a lazy import of its folder (one chunk per folder).
const COMMON = new Set(
  ('VAlert VAvatar VBadge VBtn VBtnGroup VBtnToggle VCard VCheckbox VChip VChipGroup VCounter VDefaultsProvider VDialog ' +
    'VDivider VField VForm VGrid VIcon VImg VInput VItemGroup VLabel VList VMenu VMessages VOverlay VProgressCircular ' +
    'VProgressLinear VResponsive VSelect VSelectionControl VSelectionControlGroup VSheet VSlideGroup VSwitch VTable ' +
    'VTextField VTextarea VTooltip VTabs VWindow VExpansionPanel VVirtualScroll VTimeline transitions').split(' '),
)

export default defineConfig({
  base: './',
  plugins: [vue(), vuetify({ autoImport: true }), vuetifyCatalog()],
  build: {
    target: 'es2020',
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // Vuetify's internals and the components nearly every page uses travel as one lazy chunk
        // (HTTP/1.1 allows 6 requests at a time: 40 tiny chunks cost more than one of 90 KB);
        // the rarer components stay one chunk per folder, loaded when a plugin's JSON names them.
        manualChunks(id) {
          const m = /node_modules\/vuetify\/lib\/(composables|util|directives|components\/(\w+))\//.exec(id)
          if (!m) return undefined
          if (!m[2] || COMMON.has(m[2])) return 'vuetify-common'
          return undefined
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.spec.ts'],
    server: { deps: { inline: ['vuetify'] } },
    css: false,
    setupFiles: ['tests/setup.ts'],
    // the first render loads Vuetify component chunks; on a busy shared machine that can take seconds
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
