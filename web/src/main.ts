import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'
import { vuetify } from './plugins/vuetify'
import 'vuetify/styles'
import './styles.css'

createApp(App).use(router).use(vuetify).mount('#app')

// The icon font's CSS (~90 KB gzip with the font faces) loads after the first paint, not blocking it;
// plugin JSON names icons as `mdi-*` classes, so every icon of the set stays available.
void import('@mdi/font/css/materialdesignicons.css')
