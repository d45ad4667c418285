// The stats page in a real browser (issue 19 point 5): a plugin is installed and called through the API (install, its
// form and page, a service run), then the page must chart its calls and list the run; screenshots in zh and en.
// Host-agnostic like ui.e2e.mjs: E2E_BASE_URL, E2E_USER, E2E_PASSWORD, E2E_PLUGIN (a plugin of the market with a service).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { launch } from './browser.mjs'

const BASE = (process.env.E2E_BASE_URL ?? '').replace(/\/+$/, '')
const PLUGIN = process.env.E2E_PLUGIN || 'DoubanSync'
const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname
const T = 20_000
let browser, page, token, installedHere = false

async function api(path, method = 'GET', json = undefined) {
  const headers = { Authorization: `Bearer ${token}` }
  if (json !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(`${BASE}/api/v1/${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
  const text = await res.text()
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text.slice(0, 300)}`)
  return text ? JSON.parse(text) : undefined
}

async function shot(name) {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true })
}

before(async () => {
  assert.ok(BASE, 'E2E_BASE_URL must be set')
  browser = await launch()
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage()
  page.setDefaultTimeout(T)
  page.on('pageerror', e => console.error('[pageerror]', e.message))
  await page.goto(`${BASE}/#/login`)
  await page.evaluate(() => localStorage.setItem('locale', 'zh-CN'))
  await page.getByTestId('login-username').locator('input').fill(process.env.E2E_USER || 'admin')
  await page.getByTestId('login-password').locator('input').fill(process.env.E2E_PASSWORD ?? '')
  await page.getByTestId('login-submit').click()
  await page.waitForURL(/#\/dashboard/)
  token = await page.evaluate(() => localStorage.getItem('token'))
})

after(async () => {
  // leave the host as found: ui.e2e.mjs installs the same plugin through the market
  if (installedHere) await api(`plugin/${encodeURIComponent(PLUGIN)}`, 'DELETE').catch(() => {})
  await browser?.close()
})

test('the stats page charts a plugin\'s calls and lists its service runs', async () => {
  const installed = await api('plugin/?state=installed')
  const list = Array.isArray(installed) ? installed : installed?.data ?? []
  if (!list.some(p => p.id === PLUGIN)) {
    await api(`plugin/install/${encodeURIComponent(PLUGIN)}`)
    installedHere = true
  }
  // enabled, so its services are scheduled (a config save is a call into the plugin too)
  const config = await api(`plugin/${encodeURIComponent(PLUGIN)}`)
  const model = config && typeof config === 'object' && 'success' in config ? config.data : config
  if (!model?.enabled) await api(`plugin/${encodeURIComponent(PLUGIN)}`, 'PUT', { ...model, enabled: true })
  // calls into the plugin: its form and its page, and one run of its first service
  await api(`plugin/form/${encodeURIComponent(PLUGIN)}`)
  await api(`plugin/page/${encodeURIComponent(PLUGIN)}`)
  // the enabled plugin's services are scheduled as it restarts: wait for them to be listed
  let service
  for (let deadline = Date.now() + T; !service && Date.now() < deadline; await new Promise(r => setTimeout(r, 250))) {
    const services = await api('plugin/services')
    service = (Array.isArray(services) ? services : services?.data ?? []).find(s => s.plugin_id === PLUGIN)
  }
  assert.ok(service, `${PLUGIN} has a scheduled service (set E2E_PLUGIN to a plugin with one)`)
  await api(`plugin/services/${encodeURIComponent(PLUGIN)}/${encodeURIComponent(service.id)}/run?wait=true`, 'POST')

  await page.evaluate(() => (location.hash = '#/stats'))
  await page.waitForURL(u => u.hash === '#/stats')
  const card = page.locator(`[data-testid="stats-plugin"][data-plugin-id="${PLUGIN}"]`)
  await card.waitFor()
  assert.ok(Number(await card.getAttribute('data-calls')) >= 2, 'the form and page calls are counted')
  const chart = card.getByTestId('calls-chart')
  assert.equal(await chart.getByTestId('chart-bar').count(), 60, 'one bar per minute of the last hour')
  assert.ok(Number(await chart.locator('[data-testid="chart-bar"]').last().getAttribute('data-calls')) >= 1, 'this minute has calls')
  assert.match(await card.getByTestId('stats-p95').innerText(), /p95 [\d.]+ (ms|s)/)
  const row = page.locator(`[data-testid="stats-service"][data-service="${PLUGIN}/${service.id}"]`)
  await row.waitFor()
  assert.ok((await row.getByTestId('stats-run-outcome').innerText()).trim().length > 0)
  await shot('08-stats')

  await page.getByTestId('toggle-locale').click()
  await page.getByText('Recent service runs').waitFor()
  await shot('08-stats-en')
  await page.getByTestId('toggle-locale').click()
})
