import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'
import { vuetify } from './plugins/vuetify'
import 'vuetify/styles'
import './styles.css'
import { startDevEvents, onDevEvent } from './api/devEvents'
import { toastError, toastOk } from './stores/ui'
import { t } from './i18n'

createApp(App).use(router).use(vuetify).mount('#app')

// Dev mode (`plugin-host dev <project>`): say when a new build of the plugin runs or its build failed; the views
// showing it reload themselves (InstalledView, PluginPageView).
onDevEvent(e => {
  const last = e.status.last
  const name = last?.plugin_ids.join(', ') || e.status.package_id || ''
  if (e.type === 'swapped' && last) toastOk(t('devSwapped', { name, version: last.version, seconds: last.total_seconds.toFixed(1) }))
  else if (e.type === 'failed' && last) toastError(t('devFailed', { name, error: last.diagnostics.find(d => d.includes('error')) ?? last.error ?? '' }))
})
startDevEvents()

// The icon font's CSS (~90 KB gzip with the font faces) loads after the first paint, not blocking it;
// plugin JSON names icons as `mdi-*` classes, so every icon of the set stays available.
void import('@mdi/font/css/materialdesignicons.css')
