import { createRouter, createWebHashHistory } from 'vue-router'
import { session, onLogout } from './stores/session'
import { toast } from './stores/ui'
import { t } from './i18n'
import { prefetch, routeData } from './api'

// Hash history: the host serves index.html at `/` and needs no SPA fallback for deep links.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/dashboard' },
    { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
    { path: '/market', name: 'market', component: () => import('./views/MarketView.vue') },
    { path: '/installed', name: 'installed', component: () => import('./views/InstalledView.vue') },
    { path: '/plugin/:id', name: 'plugin-page', component: () => import('./views/PluginPageView.vue'), props: true },
    { path: '/services', name: 'services', component: () => import('./views/ServicesView.vue') },
    { path: '/stats', name: 'stats', component: () => import('./views/StatsView.vue') },
    { path: '/workflow', name: 'workflow', component: () => import('./views/WorkflowView.vue') },
    { path: '/music', name: 'music', component: () => import('./views/MusicView.vue') },
    { path: '/messages', name: 'messages', component: () => import('./views/MessagesView.vue') },
    { path: '/:rest(.*)*', redirect: '/dashboard' },
  ],
})

router.beforeEach(to => {
  if (!to.meta.public && !session.token) return { name: 'login', query: { redirect: to.fullPath } }
  // start the page's first request now, in parallel with loading the page's code
  const name = String(to.name ?? '') as keyof typeof routeData
  if (session.token && routeData[name]) prefetch(name, routeData[name])
})

onLogout(() => {
  toast(t('sessionExpired'), 'warning')
  const cur = router.currentRoute.value
  if (cur.name !== 'login') void router.push({ name: 'login', query: { redirect: cur.fullPath } })
})
