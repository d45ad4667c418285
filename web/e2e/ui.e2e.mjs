// End-to-end test of the web UI in a real browser (Debian chromium via playwright-core).
// Host-agnostic: it talks to whatever serves the UI at E2E_BASE_URL (the real Plugin.Host, or the mock).
//   E2E_BASE_URL   e.g. http://127.0.0.1:3001   (required)
//   E2E_USER       admin account (default admin)
//   E2E_PASSWORD   its password (required)
//   E2E_PLUGIN     plugin id to install (default: the first market card with an Install button);
//                  it should have a config form with a text field, a detail page with an `events` button,
//                  a dashboard widget and a service
//   E2E_CONFIG_LABEL  label of the text field to edit (default: the first plain text field of the form)
//   E2E_VUE_PLUGIN    a plugin in the market whose detail page is render mode vue (its own compiled component); the step
//                     installs it, opens its page, clicks the component's first button and waits for E2E_VUE_EXPECT
//                     (text the component shows afterwards), then uninstalls it
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { launch } from './browser.mjs'

const BASE = (process.env.E2E_BASE_URL ?? '').replace(/\/+$/, '')
const USER = process.env.E2E_USER || 'admin'
const PASSWORD = process.env.E2E_PASSWORD ?? ''
let PLUGIN = process.env.E2E_PLUGIN || ''
const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname
const T = 20_000

let browser, context, page

/** A step the plugin cannot show (no API button, widget or service) is skipped with its reason; with E2E_STRICT=1 it fails. */
function skipOr(t, reason) {
  if (process.env.E2E_STRICT === '1') assert.fail(reason)
  t.skip(reason)
}

async function shot(name) {
  try {
    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true })
  } catch {
    /* ignore */
  }
}

async function go(hash) {
  // in-app navigation (as a click on a link would do); a full load only the first time
  if (!page.url().startsWith(BASE)) await page.goto(`${BASE}/#${hash}`)
  else await page.evaluate(h => (location.hash = '#' + h), hash)
  await page.waitForURL(u => u.hash === '#' + hash)
}

/** runs an action and waits for the toast it causes: success passes, error fails with the host's message */
async function expectSuccessToast(action) {
  const before = await page.evaluate(() => (window.__toasts ?? []).length)
  await action()
  await page.waitForFunction(n => (window.__toasts ?? []).length > n, before)
  const fresh = await page.evaluate(n => window.__toasts.slice(n), before)
  const bad = fresh.find(t => t.color === 'error')
  if (bad) assert.fail(`error toast: ${bad.text}`)
  assert.equal(fresh[0].color, 'success', JSON.stringify(fresh))
  return fresh[0].text
}

async function uninstallThroughUi(id) {
  await go('/installed')
  const card = page.locator(`[data-testid="installed-card"][data-plugin-id="${id}"]`)
  await card.getByTestId('more-btn').click()
  await page.getByTestId('uninstall-btn').click()
  await expectSuccessToast(() => page.getByTestId('confirm-ok').click())
  await card.waitFor({ state: 'detached' })
}

before(async () => {
  assert.ok(BASE, 'E2E_BASE_URL must be set')
  assert.ok(PASSWORD, 'E2E_PASSWORD must be set')
  browser = await launch()
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
  page = await context.newPage()
  page.setDefaultTimeout(T)
  page.on('pageerror', e => console.error('[pageerror]', e.message))
})

after(async () => {
  await browser?.close()
})

test('log in', async () => {
  await go('/login')
  await page.getByTestId('login-username').locator('input').fill(USER)
  await page.getByTestId('login-password').locator('input').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.waitForURL(/#\/dashboard/)
  const token = await page.evaluate(() => localStorage.getItem('token'))
  assert.ok(token, 'token kept in localStorage')
})

test('install a plugin from the market', async () => {
  await go('/market')
  await page.getByTestId('market-card').first().waitFor()
  let card
  if (PLUGIN) {
    card = page.locator(`[data-testid="market-card"][data-plugin-id="${PLUGIN}"]`)
    await card.waitFor()
    if ((await card.getByTestId('installed-chip').count()) > 0) {
      // left installed by an earlier run: uninstall it first through the UI
      await uninstallThroughUi(PLUGIN)
      await go('/market')
      await card.getByTestId('install-btn').waitFor()
    }
  }
  else {
    PLUGIN = await page.locator('[data-testid="market-card"]').filter({ has: page.getByTestId('install-btn') }).first()
      .getAttribute('data-plugin-id')
    // Pin the card to that plugin: "the first card with an Install button" is another card once this one is installed.
    card = page.locator(`[data-testid="market-card"][data-plugin-id="${PLUGIN}"]`)
  }
  assert.ok(PLUGIN, 'a plugin to install')
  // search narrows the list to the plugin
  const name = (await card.locator('.v-card-title').first().innerText()).trim().split('\n')[0]
  await page.getByTestId('market-search').locator('input').fill(name.slice(0, 4))
  await card.waitFor()
  // Every step row the card shows, the first time it shows it in each state, with whether the install was still running.
  await page.evaluate(() => {
    const log = (window.__installSteps = [])
    const seen = new Set()
    const record = () => {
      for (const el of document.querySelectorAll('[data-testid="install-step"]')) {
        const key = `${el.dataset.step}:${el.dataset.stepState}`
        if (seen.has(key)) continue
        seen.add(key)
        log.push({ key, running: el.closest('[data-testid="install-progress"]')?.dataset.state === 'running' })
      }
    }
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step-state'] })
  })
  const toasts = await page.evaluate(() => (window.__toasts ?? []).length)
  await card.getByTestId('install-btn').click()
  await page.waitForFunction(n => (window.__toasts ?? []).length > n, toasts, { timeout: 120_000 })
  const last = await page.evaluate(() => window.__toasts.at(-1))
  assert.equal(last.color, 'success', `install: ${last.text}`)
  await card.getByTestId('installed-chip').waitFor({ timeout: 120_000 })
  // The steps were shown as they happened (not a spinner): in the host's order, while the install was running, all done.
  const log = await page.evaluate(() => window.__installSteps)
  const order = [...new Set(log.map(e => e.key.split(':')[0]))]
  const expected = ['resolve', 'download', 'verify', 'extract', 'check', 'commit', 'load']
  assert.deepEqual(order, expected, JSON.stringify(log))
  assert.ok(log.some(e => e.running), `no step shown while the install ran: ${JSON.stringify(log)}`)
  for (const step of expected) assert.ok(log.some(e => e.key === `${step}:done`), `${step} not shown done: ${JSON.stringify(log)}`)
  assert.ok(!log.some(e => e.key.endsWith(':failed')), JSON.stringify(log))
  console.log(`install steps seen: ${log.map(e => e.key).join(', ')}`)
  await shot('01-installed')
})

test('open and save its config form; the value persists after reload', async () => {
  await go('/installed')
  const card = page.locator(`[data-testid="installed-card"][data-plugin-id="${PLUGIN}"]`)
  await card.getByTestId('config-btn').click()
  const form = page.getByTestId('config-form')
  await form.waitFor()
  await page.waitForTimeout(300)
  // the field to edit: E2E_CONFIG_LABEL, else the first plain text field (not cron, select, combobox), textarea,
  // or number field of the form
  const PLAIN = '.v-text-field:not(.plugin-cron-field):not(.v-select):not(.v-combobox):not(.v-autocomplete)'
  const kinds = [
    [`${PLAIN} input[type="text"]:not([readonly])`, () => `e2e-${Date.now()}`],
    ['.v-textarea textarea:not([readonly])', () => `e2e-${Date.now()}`],
    [`${PLAIN} input[type="number"]:not([readonly])`, () => String(100 + Math.floor(Math.random() * 800))],
  ]
  let selector = ''
  let value = ''
  if (process.env.E2E_CONFIG_LABEL) {
    selector = `.v-input:has-text("${process.env.E2E_CONFIG_LABEL}") input, .v-input:has-text("${process.env.E2E_CONFIG_LABEL}") textarea`
    value = `e2e-${Date.now()}`
  } else {
    for (const [sel, make] of kinds)
      if ((await form.locator(sel).count()) > 0) {
        selector = sel
        value = make()
        break
      }
  }
  assert.ok(selector, 'the config form has a text, textarea or number field to edit (or set E2E_CONFIG_LABEL)')
  const fieldIn = f => f.locator(selector).first()
  await fieldIn(form).fill(value)
  await expectSuccessToast(() => page.getByTestId('config-save').click())
  await page.getByTestId('config-dialog').waitFor({ state: 'detached' })
  await page.reload()
  await card.getByTestId('config-btn').click()
  await page.getByTestId('config-form').waitFor()
  await page.waitForTimeout(300)
  assert.equal(await fieldIn(page.getByTestId('config-form')).inputValue(), value)
  await shot('02-config')
  // also enable the plugin so its services and widgets run
  await page.keyboard.press('Escape')
  await page.getByTestId('config-dialog').waitFor({ state: 'detached' })
  const sw = card.getByTestId('enable-switch').locator('input')
  if (!(await sw.isChecked())) {
    await expectSuccessToast(() => sw.click())
  }
})

test('move the plugin into a worker process and back (isolation chip)', async () => {
  await go('/installed')
  const card = page.locator(`[data-testid="installed-card"][data-plugin-id="${PLUGIN}"]`)
  const chip = card.getByTestId('isolation-chip')
  await chip.waitFor()
  const before = (await chip.innerText()).trim()
  await chip.click()
  await expectSuccessToast(() => page.getByTestId('isolation-process').click())
  // the list is read again after the reload: the chip shows the worker (green)
  await page.waitForFunction(id => document.querySelector(`[data-plugin-id="${id}"] [data-testid="isolation-chip"]`)?.className.includes('text-success'), PLUGIN)
  await shot('02b-isolation')
  await chip.click()
  await expectSuccessToast(() => page.getByTestId('isolation-default').click())
  await page.waitForFunction(
    ([id, text]) => document.querySelector(`[data-plugin-id="${id}"] [data-testid="isolation-chip"]`)?.textContent.trim() === text,
    [PLUGIN, before],
  )
})

test('press a page button that calls the plugin API; the page refreshes', async t => {
  const id = process.env.E2E_PAGE_PLUGIN || PLUGIN
  await go(`/plugin/${id}`)
  const root = page.getByTestId('plugin-page')
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="plugin-page"]')?.getAttribute('data-render-gen')) >= 1)
  const gen = Number(await root.getAttribute('data-render-gen'))
  if ((await root.locator('[data-plugin-api]').count()) === 0) {
    await shot('03-page-no-button')
    return skipOr(t, `the detail page of ${id} has no element with an API event (set E2E_PAGE_PLUGIN to a plugin whose page has one)`)
  }
  const before = await root.innerText()
  const toastsBefore = await page.evaluate(() => (window.__toasts ?? []).length)
  await root.locator('[data-plugin-api]').first().click()
  await page.waitForFunction(g => Number(document.querySelector('[data-testid="plugin-page"]')?.getAttribute('data-render-gen')) > g, gen)
  const errors = await page.evaluate(n => window.__toasts.slice(n).filter(t => t.color === 'error'), toastsBefore)
  assert.deepEqual(errors, [], 'the plugin API call failed')
  const after = await root.innerText()
  console.log(`page changed after the API call: ${before !== after}`)
  await shot('03-page')
})

test('its dashboard widget refreshes', async t => {
  const id = process.env.E2E_WIDGET_PLUGIN || PLUGIN
  await go('/dashboard')
  await page.getByTestId('pick-widgets').waitFor()
  await page.waitForTimeout(1000)
  const w = page.locator(`[data-testid="dashboard-widget"][data-widget^="${id}/"]`).first()
  if ((await w.count()) === 0) return skipOr(t, `${id} shows no dashboard widget (set E2E_WIDGET_PLUGIN)`)
  await page.waitForFunction(p => Number(document.querySelector(`[data-widget^="${p}/"]`)?.getAttribute('data-refresh-count')) >= 1, id)
  const n = Number(await w.getAttribute('data-refresh-count'))
  const secs = Number(await w.getAttribute('data-refresh-seconds'))
  // auto refresh when it comes soon; otherwise the widget's refresh button
  if (!(secs > 0 && secs <= 60)) await w.getByTestId('widget-refresh').click()
  await page.waitForFunction(
    ([p, c]) => Number(document.querySelector(`[data-widget^="${p}/"]`)?.getAttribute('data-refresh-count')) > c,
    [id, n],
    { timeout: Math.max(T, (Math.min(secs, 60) + 10) * 1000) },
  )
  console.log(`widget refreshed (auto refresh ${secs || 'off'} s)`)
  await shot('04-dashboard')
})

test('the user hides a widget; the choice is kept per user across reloads', async t => {
  const any = page.locator('[data-testid="dashboard-widget"]').first()
  if ((await any.count()) === 0) return skipOr(t, 'no dashboard widget to hide')
  const key = await any.getAttribute('data-widget')
  const toggle = async () => {
    await page.getByTestId('pick-widgets').click()
    await page.locator(`[data-testid="widget-picker"] [data-widget="${key}"] input[type="checkbox"]`).click()
    await page.keyboard.press('Escape')
    await page.getByTestId('widget-picker').waitFor({ state: 'detached' })
  }
  await toggle()
  await page.locator(`[data-testid="dashboard-widget"][data-widget="${key}"]`).waitFor({ state: 'detached' })
  await page.reload()
  await page.getByTestId('pick-widgets').waitFor()
  await page.waitForTimeout(500)
  assert.equal(await page.locator(`[data-testid="dashboard-widget"][data-widget="${key}"]`).count(), 0, 'still hidden after reload')
  const stored = await page.evaluate(u => localStorage.getItem(`dashboard.${u}`), USER)
  assert.ok(stored?.includes(key), `kept under dashboard.${USER}`)
  await toggle()
  await page.locator(`[data-testid="dashboard-widget"][data-widget="${key}"]`).waitFor()
})

test('run a service now', async t => {
  const id = process.env.E2E_SERVICE_PLUGIN || PLUGIN
  await go('/services')
  await page.waitForTimeout(1000)
  const card = page.locator(`[data-testid="service-card"][data-service^="${id}/"]`).first()
  if ((await card.count()) === 0) return skipOr(t, `${id} has no scheduled service (set E2E_SERVICE_PLUGIN)`)
  // Dates as the Chinese UI writes them (2026/12/3 09:00:00, not 12/3/2026, 9:00:00 AM), and the zone of the next run named.
  const next = (await card.getByTestId('next-run').innerText()).trim()
  if (next !== '—') {
    assert.match(next, /^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/, `next run written as ${next}`)
    // the host's zone when the service list names it (time_zone), else the reader's, named as such
    const zone = await card.getByTestId('next-run-zone').getAttribute('data-zone')
    const note = await card.getByTestId('next-run-zone').innerText()
    if (zone) assert.ok(note.startsWith('主机时区: ') && note.includes(zone), note)
    else assert.match(note, /^本地时区: \S+/)
  }
  console.log('toast:', await expectSuccessToast(() => card.getByTestId('run-service').click()))
  await shot('05-services')
})

test('uninstall', async () => {
  await uninstallThroughUi(PLUGIN)
  await go('/market')
  await page.locator(`[data-testid="market-card"][data-plugin-id="${PLUGIN}"]`).getByTestId('install-btn').waitFor()
  await shot('06-uninstalled')
})

test('render mode vue: the plugin\'s own component loads from the host and reacts', async t => {
  const id = process.env.E2E_VUE_PLUGIN
  const expected = process.env.E2E_VUE_EXPECT
  if (!id || !expected)
    return skipOr(t, 'set E2E_VUE_PLUGIN to a plugin whose page is render mode vue, and E2E_VUE_EXPECT to the text it shows after a click')
  await go('/market')
  const card = page.locator(`[data-testid="market-card"][data-plugin-id="${id}"]`)
  await card.waitFor()
  if ((await card.getByTestId('installed-chip').count()) > 0) await uninstallThroughUi(id) // left by an earlier run
  await go('/market')
  const toasts = await page.evaluate(() => (window.__toasts ?? []).length)
  await card.getByTestId('install-btn').click()
  await page.waitForFunction(n => (window.__toasts ?? []).length > n, toasts, { timeout: 120_000 })
  const installed = await page.evaluate(n => window.__toasts[n], toasts)
  assert.equal(installed.color, 'success', `install ${id}: ${installed.text}`)
  await card.getByTestId('installed-chip').waitFor({ timeout: 120_000 })

  // The page answers render_mode vue, so the UI fetches the plugin's module from the host and renders its component.
  const module = page.waitForResponse(r => r.url().includes(`/api/v1/plugin/remotes/${id}`))
  await go(`/plugin/${id}`)
  const response = await module
  assert.equal(response.status(), 200, `GET plugin/remotes/${id}`)
  assert.match(response.headers()['content-type'] ?? '', /javascript/)
  const view = page.locator(`[data-testid="plugin-page"] [data-remote-plugin="${id}"]`)
  const button = view.locator('button').first()
  await button.waitFor()
  assert.equal(await view.locator('[data-remote-error]').count(), 0, await view.innerText())
  assert.ok(!(await view.innerText()).includes(expected), `"${expected}" is shown before the click`)
  await button.click()
  await view.getByText(expected).waitFor()
  await shot('06b-vue-page')
  await uninstallThroughUi(id)
})

test('API docs: Swagger UI from the host, the web UI\'s token filled in, a call tried', async t => {
  const external = []
  const onRequest = r => {
    if (!r.url().startsWith(BASE) && !r.url().startsWith('data:')) external.push(r.url())
  }
  page.on('request', onRequest)
  try {
    const probe = await page.request.get(`${BASE}/docs/index.html`)
    if (!probe.ok() || !(await probe.text()).includes('swagger-ui')) return t.skip('this host serves no Swagger UI at /docs (the mock host)')
    await page.goto(`${BASE}/docs`) // same origin as the web UI: its login token is in localStorage
    await page.locator('.opblock').first().waitFor()
    // "Authorize" shows the Bearer scheme already filled with the web UI's token
    await page.locator('.auth-wrapper .authorize').click()
    await page.locator('.modal-ux').getByText('Bearer').first().waitFor()
    assert.ok((await page.locator('.modal-ux .auth-container').filter({ hasText: 'Bearer' }).getByText('Logout').count()) > 0, 'Bearer is authorized')
    await page.locator('.modal-ux .close-modal').click()
    // try GET /api/v1/plugin/services: 200 with the token
    const op = page.locator('.opblock-get').filter({ has: page.locator('[data-path="/api/v1/plugin/services"]') }).first()
    await op.locator('.opblock-summary').click()
    await op.getByRole('button', { name: 'Try it out' }).click()
    await op.getByRole('button', { name: 'Execute' }).click()
    await op.locator('.live-responses-table tbody .response-col_status').first().waitFor()
    assert.equal((await op.locator('.live-responses-table tbody .response-col_status').first().innerText()).trim(), '200')
    await shot('08-docs')
    assert.deepEqual(external, [], 'the docs page loaded nothing from elsewhere')
  } finally {
    page.off('request', onRequest)
    await page.goto(`${BASE}/#/dashboard`)
  }
})

test('phone width: drawer navigation, dark theme, English', async () => {
  await page.setViewportSize({ width: 390, height: 844 })
  await go('/dashboard')
  await page.locator('.v-app-bar-nav-icon').click()
  await page.getByTestId('nav-market').click()
  await page.waitForURL(u => u.hash === '#/market')
  await page.getByTestId('market-card').first().waitFor()
  const dark0 = await page.locator('.v-application').first().evaluate(e => e.className.includes('v-theme--dark'))
  await page.getByTestId('toggle-theme').click()
  const dark1 = await page.locator('.v-application').first().evaluate(e => e.className.includes('v-theme--dark'))
  assert.notEqual(dark0, dark1, 'theme toggles')
  await page.getByTestId('toggle-locale').click()
  await page.getByText('Plugin market').first().waitFor()
  await page.getByTestId('toggle-locale').click()
  const noOverflow = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
  assert.ok(noOverflow, 'no horizontal overflow at 390 px')
  await shot('07-phone')
})
