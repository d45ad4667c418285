// `npm run measure`: first paint on loopback (Playwright performance timing, Debian chromium) and the
// gzip size of what the browser loads initially. Serves web/dist through the mock host (loopback only).
// Writes the figures to web/RESULTS.md.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, dirname } from 'node:path'
import { loadavg, cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { launch } from '../e2e/browser.mjs'
import { startMockServer } from '../e2e/mock-server/server.mjs'

const web = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(web, 'dist')
if (!existsSync(join(dist, 'index.html')) || process.env.MEASURE_REBUILD) {
  const b = spawnSync('npx', ['vite', 'build'], { cwd: web, stdio: 'inherit' })
  if (b.status !== 0) process.exit(b.status ?? 1)
}

const gz = file => (existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0) // 0: served file not in this dist/
const kb = n => (n / 1024).toFixed(1)
const median = a => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]

// 1. static: what index.html pulls in before any route code
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const entryFiles = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map(m => m[1])
const entry = { js: 0, css: 0 }
for (const f of entryFiles) entry[f.endsWith('.css') ? 'css' : 'js'] += gz(join(dist, f))
const allJs = readdirSync(join(dist, 'assets')).filter(f => f.endsWith('.js'))
const totalJs = allJs.reduce((s, f) => s + gz(join(dist, 'assets', f)), 0)

// 2. in the browser: first paint, first contentful paint, app ready; and the files loaded per route
const loadBefore = loadavg()[0]
// MEASURE_BASE_URL (+ MEASURE_USER / MEASURE_PASSWORD) measures a running host instead of the mock
const external = process.env.MEASURE_BASE_URL?.replace(/\/+$/, '')
const USER = process.env.MEASURE_USER || 'admin'
const PASSWORD = external ? process.env.MEASURE_PASSWORD ?? '' : 'measure'
const mock = external ? { url: external, close: async () => {} } : await startMockServer({ port: 0, password: PASSWORD })
const browser = await launch()
const runs = Number(process.env.MEASURE_RUNS ?? 7)

async function coldLoad(route, readySelector, login) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await ctx.newPage()
  if (login) {
    // log in once through the API so the route needs no form; then a cold load of the route
    const r = await fetch(`${mock.url}/api/v1/login/access-token`, { method: 'POST', body: new URLSearchParams({ username: USER, password: PASSWORD }) })
    const { access_token } = await r.json()
    await ctx.addInitScript(t => { localStorage.setItem('token', t); localStorage.setItem('user', 'admin') }, access_token)
  }
  const files = new Set()
  page.on('requestfinished', req => {
    const u = new URL(req.url())
    if (u.pathname.startsWith('/assets/') && /\.(js|css)$/.test(u.pathname)) files.add(u.pathname.slice(1))
  })
  await page.goto(`${mock.url}/#${route}`, { waitUntil: 'commit' })
  await page.waitForSelector(readySelector)
  const t = await page.evaluate(() => {
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]))
    const nav = performance.getEntriesByType('navigation')[0]
    return { fp: paint['first-paint'], fcp: paint['first-contentful-paint'], ready: performance.now(), dcl: nav?.domContentLoadedEventEnd }
  })
  await page.waitForLoadState('networkidle')
  await ctx.close()
  let js = 0, css = 0
  for (const f of files) (f.endsWith('.css') ? (css += gz(join(dist, f))) : (js += gz(join(dist, f))))
  return { ...t, js, css, count: files.size }
}

const results = {}
for (const [name, route, sel, login] of [
  ['login page', '/login', '[data-testid="login-form"]', false],
  ['dashboard (logged in)', '/dashboard', external ? '[data-testid="dashboard"] .v-row, [data-testid="dashboard"] .v-alert' : '[data-testid="dashboard-widget"]', true],
  ['market (logged in)', '/market', external ? '[data-testid="market-card"], [data-testid="market"] .v-alert' : '[data-testid="market-card"]', true],
]) {
  const rs = []
  for (let i = 0; i < runs; i++) rs.push(await coldLoad(route, sel, login))
  results[name] = {
    fp: median(rs.map(r => r.fp)),
    fcp: median(rs.map(r => r.fcp)),
    ready: median(rs.map(r => r.ready)),
    js: rs[0].js,
    css: rs[0].css,
    count: rs[0].count,
  }
}
await browser.close()
await mock.close()

const lines = []
lines.push('# Web UI — measured figures', '')
lines.push(`Measured by \`npm run measure\` on ${new Date().toISOString()} (${process.platform}, ${cpus().length} cores, load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} during the run — other builds share the machine; Node ${process.version}, Debian chromium headless, loopback, cold cache, median of ${runs} loads; the UI served uncompressed by ${external ? `the host at ${external}` : 'the mock host'}).`, '')
lines.push('## Initial bundle (gzip -9)', '')
lines.push('| what | JS | CSS | total |', '|---|---|---|---|')
lines.push(`| entry (index.html: app shell, Vue, router, Vuetify core and common components) | ${kb(entry.js)} KB | ${kb(entry.css)} KB | **${kb(entry.js + entry.css)} KB** |`)
for (const [name, r] of Object.entries(results)) lines.push(`| everything loaded to show the ${name} (${r.count} files) | ${kb(r.js)} KB | ${kb(r.css)} KB | **${kb(r.js + r.css)} KB** |`)
lines.push(`| all JS chunks in dist (lazy: every Vuetify component, apexcharts, …) | ${kb(totalJs)} KB | | |`, '')
lines.push('Target: initial bundle under 400 KB gzip. The Material Design Icons CSS loads right after the first paint and its font (woff2, ~400 KB, not JS) on first icon use; neither blocks the first paint.', '')
lines.push('## First paint on loopback', '')
lines.push('| route | first paint | first contentful paint | app ready (selector shown) |', '|---|---|---|---|')
for (const [name, r] of Object.entries(results)) lines.push(`| ${name} | ${r.fp?.toFixed(0)} ms | ${r.fcp?.toFixed(0)} ms | ${r.ready.toFixed(0)} ms |`)
lines.push('', 'Target: first paint under 1 s on loopback. "App ready" is when the page\'s own content (login form, first widget, first market card) is in the DOM.', '')
writeFileSync(join(web, 'RESULTS.md'), lines.join('\n'))
console.log(lines.join('\n'))
