// The browser walk of issue 12: MoviePilot's own web frontend (jxxghp/MoviePilot-Frontend), built unchanged, served
// by Plugin.Host from its own origin (--Host:WebRoot=<dist>), driven in Debian chromium through playwright-core.
//
//   node web/e2e/moviepilot-frontend/walk.mjs <path of the built frontend's dist>     (or MP_FRONTEND_DIST=<dist>)
//
// Without a dist it skips (exit 0): the frontend is not part of this repository and cannot be fetched in CI.
// It starts the host from host/Plugin.Host/bin/Release/*/Plugin.Host.dll (PLUGIN_HOST_DLL overrides) on a loopback
// port with a temporary data folder and the local feed artifacts/packages, and walks: login through the form,
// the market tab, install, config dialog, data page and its button, a plugin dashboard widget, uninstall. Every
// step also checks that the page threw nothing and that no /api/ call answered 4xx/5xx.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launch } from '../browser.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const dist = process.argv[2] || process.env.MP_FRONTEND_DIST
if (!dist) {
  console.log('# SKIP moviepilot-frontend walk: no dist given (argument or MP_FRONTEND_DIST)')
  process.exit(0)
}
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`moviepilot-frontend walk: ${dist} has no index.html; give the dist folder of a built MoviePilot-Frontend`)
  process.exit(2)
}

// The sample the walk installs: it has a config form, a page whose button calls its API, and a dashboard widget.
const PLUGIN = process.env.MP_PLUGIN || 'SiteStatistic'
const shots = process.env.MP_SHOTS || ''
const password = `walk-${Date.now()}`
const data = mkdtempSync(join(tmpdir(), 'mp-frontend-walk-'))
let host, hostLog = '', base, browser, page, context
const pageErrors = []
const apiErrors = []
const iconAnswers = []
const streamAnswers = []

function hostDll() {
  if (process.env.PLUGIN_HOST_DLL) return process.env.PLUGIN_HOST_DLL
  const bin = join(root, 'host', 'Plugin.Host', 'bin', 'Release')
  const found = existsSync(bin) ? readdirSync(bin).map(f => join(bin, f, 'Plugin.Host.dll')).filter(existsSync) : []
  found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
  if (!found.length) throw new Error(`no ${bin}/*/Plugin.Host.dll: build host/Plugin.Host in Release first (or set PLUGIN_HOST_DLL)`)
  return found[0]
}

const freePort = () => new Promise(ok => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)) }) })

async function waitForHost() {
  for (let i = 0; i < 240; i++) {
    if (host.exitCode !== null) throw new Error(`the host exited (${host.exitCode}):\n${hostLog}`)
    try { if ((await fetch(`${base}/health`)).ok) return } catch { /* not listening yet */ }
    await new Promise(r => setTimeout(r, 500))
  }
  throw new Error(`the host did not answer /health:\n${hostLog}`)
}

/** The API as the logged-in browser sees it (the token the frontend keeps in local storage). */
async function api(path, init = {}) {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('moviepilot') || '{}').auth?.token)
  const r = await fetch(`${base}/api/v1/${path}`, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } })
  assert.equal(r.status, 200, `${path}: ${r.status}`)
  return r.json()
}

async function shot(name) { if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true }) }

/** No page error and no failed /api/ call since the walk began: checked after every step. */
function assertClean(step) {
  assert.deepEqual(pageErrors, [], `${step}: uncaught page errors`)
  assert.deepEqual(apiErrors, [], `${step}: /api/ calls that failed`)
}

const toast = text => page.locator('.v-toast__text', { hasText: text }).first().waitFor({ timeout: 120_000 })
const cardTitles = () => page.locator('.v-window-item--active .v-card .v-card-title').allInnerTexts()
const namesOf = titles => titles.map(t => t.replace(/\s*v\d[\w.\-+]*\s*$/, '').trim()).sort()

before(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  host = spawn('dotnet', [hostDll(), '--urls', base, `--Host:WebRoot=${resolve(dist)}`, `--Host:DataDir=${data}`,
    `--Host:Feeds:0=${join(root, 'artifacts', 'packages')}`, '--Host:Admin:User=admin', `--Host:Admin:Password=${password}`],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  host.stdout.on('data', d => { hostLog += d })
  host.stderr.on('data', d => { hostLog += d })
  await waitForHost()
  browser = await launch()
  // Service workers blocked: after login the frontend subscribes to web push through its service worker, which
  // headless chromium cannot do (no push service); the rest of the app does not need the worker.
  context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  page = await context.newPage()
  page.on('pageerror', e => pageErrors.push(String(e?.stack || e)))
  page.on('response', r => {
    const url = new URL(r.url())
    if (url.pathname.startsWith('/api/') && r.status() >= 400) apiErrors.push(`${r.request().method()} ${url.pathname}${url.search} -> ${r.status()}`)
    if (url.pathname.startsWith('/plugin_icon/')) iconAnswers.push(`${url.pathname} ${r.status()}`)
    if (url.pathname === '/api/v1/system/message') streamAnswers.push(r.status())
  })
})

after(async () => {
  await browser?.close()
  host?.kill()
  if (process.env.MP_HOST_LOG) writeFileSync(process.env.MP_HOST_LOG, hostLog)
  rmSync(data, { recursive: true, force: true })
})

test('login through the form lands on the dashboard as an admin', async () => {
  await page.goto(`${base}/#/login`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(u => u.hash === '#/dashboard', { timeout: 60_000 })
  const auth = await page.evaluate(() => JSON.parse(localStorage.getItem('moviepilot')).auth)
  assert.equal(auth.superUser, true)
  assert.equal(auth.userName, 'admin')
  // The admin menu (plugins, settings) is there only for a super user.
  await page.getByText('插件', { exact: true }).first().waitFor()
  // The dashboard asked for plugin dashboards (only a super user does).
  await page.waitForResponse(r => r.url().includes('/api/v1/plugin/dashboard/meta'), { timeout: 30_000 }).catch(() => {})
  await shot('01-dashboard')
  assertClean('login')
})

let notInstalled
test('the market tab lists exactly the plugins not installed', async () => {
  const all = await api('plugin/?state=all')
  notInstalled = all.filter(p => !p.installed).map(p => p.plugin_name).sort()
  assert.ok(notInstalled.length > 0, 'the feed offers plugins')
  await page.goto(`${base}/#/plugins?tab=market`)
  await page.waitForFunction(n => document.querySelectorAll('.v-window-item--active .v-card .v-card-title').length === n,
    notInstalled.length, { timeout: 60_000 })
  assert.deepEqual(namesOf(await cardTitles()), notInstalled)
  // Icons come from /plugin_icon/<unique name> and load.
  await page.waitForFunction(() => [...document.querySelectorAll('.v-window-item--active .v-card .v-avatar img')]
    .some(i => i.complete && i.naturalWidth > 0 && i.src.includes('/plugin_icon/')), null, { timeout: 30_000 })
  assert.ok(iconAnswers.length > 0 && iconAnswers.every(a => a.endsWith(' 200')), iconAnswers.join(', '))
  await shot('02-market')
  assertClean('market')
})

let name
test('install from the market moves the card to the installed tab without an update badge', async () => {
  name = (await api('plugin/?state=market')).find(p => p.id === PLUGIN)?.plugin_name
  assert.ok(name, `${PLUGIN} is in the market`)
  await page.locator('.v-window-item--active .v-card', { has: page.locator('.v-card-title', { hasText: name }) }).first().click()
  await toast('安装成功')
  await page.waitForFunction(n => ![...document.querySelectorAll('.v-window-item--active .v-card .v-card-title')].some(t => t.textContent.includes(n)),
    name, { timeout: 60_000 })
  assert.deepEqual(namesOf(await cardTitles()), notInstalled.filter(n => n !== name))

  await page.goto(`${base}/#/plugins?tab=installed`)
  const card = page.locator('.v-window-item--active .v-card', { has: page.locator('.v-card-title', { hasText: name }) }).first()
  await card.waitFor({ timeout: 60_000 })
  // The card's update badge (a "new" icon in its top corner) is there only when has_update.
  assert.equal(await card.locator('.absolute.top-0.right-5').count(), 0, 'no update badge on a freshly installed plugin')
  assert.equal((await api('plugin/?state=installed')).find(p => p.id === PLUGIN).has_update, false)
  await shot('03-installed')
  assertClean('install')
})

test('the data page renders and its button calls the plugin API', async () => {
  const card = page.locator('.v-window-item--active .v-card', { has: page.locator('.v-card-title', { hasText: name }) }).first()
  await card.click() // a plugin with a page opens its data page
  const dialog = page.locator('.v-dialog .v-card', { hasText: '刷新全部站点' }).last()
  await dialog.waitFor({ timeout: 60_000 })
  const call = page.waitForResponse(r => r.url().includes(`/api/v1/plugin/${PLUGIN}/refresh`), { timeout: 60_000 })
  await dialog.getByRole('button', { name: '刷新全部站点' }).click()
  assert.equal((await call).status(), 200)
  await shot('04-page')
  assertClean('data page')
})

test('the config dialog saves and the value persists', async () => {
  // From the data page, its cog button opens the config form.
  await page.locator('.v-dialog .v-fab button, .v-dialog button.v-fab').last().click()
  const dialog = page.locator('.v-dialog .v-card', { hasText: '配置' }).last()
  await dialog.waitFor({ timeout: 60_000 })
  const sites = 'walk|http://127.0.0.1:9/user.php|c=1'
  await dialog.getByLabel('站点').fill(sites)
  const enabled = dialog.getByLabel('启用插件')
  if (!(await enabled.isChecked())) await enabled.check()
  await dialog.getByRole('button', { name: '保存' }).click()
  await toast('配置已保存')
  const saved = await api(`plugin/${PLUGIN}`)
  assert.equal(saved.sites, sites)
  assert.equal(saved.enabled, true)

  await page.reload()
  const card = page.locator('.v-window-item--active .v-card', { has: page.locator('.v-card-title', { hasText: name }) }).first()
  await card.waitFor({ timeout: 60_000 })
  await card.locator('.absolute.bottom-0 button').click() // the card's menu
  await page.locator('.v-list-item', { hasText: '设置' }).first().click()
  const again = page.locator('.v-dialog .v-card', { hasText: '配置' }).last()
  await again.waitFor({ timeout: 60_000 })
  assert.equal(await again.getByLabel('站点').inputValue(), sites)
  await page.keyboard.press('Escape')
  await shot('05-config')
  assertClean('config')
})

test('a plugin dashboard widget can be added, renders and stays after a reload', async () => {
  const meta = await api('plugin/dashboard/meta')
  const widget = meta.find(m => m.id === PLUGIN)
  assert.ok(widget, `${PLUGIN} offers a dashboard widget: ${JSON.stringify(meta)}`)
  await page.goto(`${base}/#/dashboard`)
  await page.locator('.v-fab button, button.v-fab').last().click()
  const settings = page.locator('.v-dialog .v-card', { hasText: '设置仪表板' }).last()
  await settings.waitFor({ timeout: 30_000 })
  const box = settings.getByLabel(widget.name, { exact: false }).first()
  await box.waitFor({ timeout: 30_000 })
  await box.check()
  const saved = page.waitForResponse(r => r.url().includes('/api/v1/user/config/Dashboard') && r.request().method() === 'POST')
  await settings.getByRole('button', { name: '保存' }).click()
  assert.equal((await saved).status(), 200)
  const shown = page.locator('.v-card', { hasText: widget.name }).filter({ has: page.locator('.v-card-text') })
  await shown.first().waitFor({ timeout: 30_000 })
  const stored = await api('user/config/Dashboard')
  assert.equal(stored.data.value[`${widget.id}:${widget.key}`], true)

  // A reload, and a fresh browser profile (no local copy): the choice comes back from the host.
  await page.reload()
  await shown.first().waitFor({ timeout: 30_000 })
  await page.evaluate(() => { localStorage.removeItem('MP_DASHBOARD'); localStorage.removeItem('MP_DASHBOARD_ORDER') })
  await page.reload()
  await shown.first().waitFor({ timeout: 30_000 })
  // The notification bell's message stream (an EventSource, authenticated by the login's cookie) opened.
  assert.ok(streamAnswers.length > 0 && streamAnswers.every(s => s === 200), `system/message answers: ${streamAnswers}`)
  await shot('06-dashboard-widget')
  assertClean('dashboard widget')
})

test('uninstall works', async () => {
  await page.goto(`${base}/#/plugins?tab=installed`)
  const card = page.locator('.v-window-item--active .v-card', { has: page.locator('.v-card-title', { hasText: name }) }).first()
  await card.waitFor({ timeout: 60_000 })
  await card.locator('.absolute.bottom-0 button').click() // the card's menu
  await page.locator('.v-list-item', { hasText: '卸载' }).first().click()
  await page.getByRole('button', { name: '确认' }).click()
  await toast('已卸载')
  assert.ok(!(await api('plugin/?state=installed')).some(p => p.id === PLUGIN))
  await page.goto(`${base}/#/plugins?tab=market`)
  await page.waitForFunction(n => [...document.querySelectorAll('.v-window-item--active .v-card .v-card-title')].some(t => t.textContent.includes(n)),
    name, { timeout: 60_000 })
  await shot('07-uninstalled')
  assertClean('uninstall')
})
