import { createVuetify } from 'vuetify'
import { aliases, mdi } from 'vuetify/iconsets/mdi'
import { zhHans, en } from 'vuetify/locale'
import { currentLocale } from '../i18n'

const savedTheme = typeof localStorage !== 'undefined' ? localStorage.getItem('theme') : null
const prefersDark = typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches

export const vuetify = createVuetify({
  // No components are registered globally: the app's templates are auto-imported,
  // plugin JSON resolves components lazily through src/renderer/registry.ts.
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  locale: { locale: currentLocale.value === 'en' ? 'en' : 'zhHans', fallback: 'en', messages: { zhHans, en } },
  theme: {
    defaultTheme: savedTheme ?? (prefersDark ? 'dark' : 'light'),
    themes: {
      light: { colors: { primary: '#3f51b5' } },
      dark: { colors: { primary: '#8c9eff' } },
    },
  },
})
