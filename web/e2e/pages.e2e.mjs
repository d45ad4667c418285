// The other pages, end to end in the browser. Needs the mock host's fixtures (plugins DoubanSync, AutoSignIn with an
// update, VueDemo with render_mode vue, BrokenPlugin, CrashyWorker in Restarting; a music source; /douban_sync replies
// with [PLUGIN] buttons), so `npm run e2e` runs it only against the mock host (or when E2E_PAGES=1).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './browser.mjs'

const BASE = (process.env.E2E_BASE_URL ?? '').replace(/\/+$/, '')
const T = 20_000
let browser, page

async function go(hash) {
  if (!page.url().startsWith(BASE)) await page.goto(`${BASE}/#${hash}`)
  else await page.evaluate(h => (location.hash = '#' + h), hash)
  await page.waitForURL(u => u.hash === '#' + hash)
}
const toasts = () => page.evaluate(() => window.__toasts ?? [])
async function toastAfter(action) {
  const n = (await toasts()).length
  await action()
  await page.waitForFunction(k => (window.__toasts ?? []).length > k, n)
  return (await toasts())[n]
}

before(async () => {
  browser = await launch()
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
  page.setDefaultTimeout(T)
  page.on('pageerror', e => console.error('[pageerror]', e.message))
  await page.goto(`${BASE}/#/login`)
  await page.getByTestId('login-username').locator('input').fill(process.env.E2E_USER || 'admin')
  await page.getByTestId('login-password').locator('input').fill(process.env.E2E_PASSWORD ?? '')
  await page.getByTestId('login-submit').click()
  await page.waitForURL(/#\/dashboard/)
})
after(async () => browser?.close())

test('wrong password shows the host message', async () => {
  const ctx = await browser.newContext()
  const p = await ctx.newPage()
  await p.goto(`${BASE}/#/login`)
  await p.getByTestId('login-username').locator('input').fill('admin')
  await p.getByTestId('login-password').locator('input').fill('wrong')
  await p.getByTestId('login-submit').click()
  const msg = await p.getByTestId('login-error').innerText()
  assert.ok(msg.length > 0)
  await ctx.close()
})

test('market: label filter, search, release history, update badge', async () => {
  await go('/market')
  await page.getByTestId('market-card').first().waitFor()
  const all = await page.getByTestId('market-card').count()
  await page.getByTestId('market-labels').getByText('豆瓣', { exact: true }).click()
  await page.waitForFunction(n => document.querySelectorAll('[data-testid="market-card"]').length < n, all)
  assert.equal(await page.getByTestId('market-card').count(), 1)
  await page.getByTestId('market-labels').getByText('豆瓣', { exact: true }).click()
  await page.getByTestId('market-search').locator('input').fill('签到')
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="market-card"]').length === 1)
  const card = page.locator('[data-testid="market-card"][data-plugin-id="AutoSignIn"]')
  await card.getByTestId('update-badge').waitFor()
  await card.getByTestId('history-btn').click()
  await page.getByTestId('history-dialog').getByText('v1.1.0').waitFor()
  await page.keyboard.press('Escape')
  await page.getByTestId('market-search').locator('input').fill('')
})

test('installed: load error shown, update, reload, reset', async () => {
  await go('/installed')
  await page.locator('[data-plugin-id="BrokenPlugin"] [data-testid="plugin-error"]').waitFor()
  // a worker being restarted is not shown as failed: its own chip, and why it is restarting
  const crashy = page.locator('[data-plugin-id="CrashyWorker"]')
  assert.equal((await crashy.getByTestId('status-chip').innerText()).trim(), '重启中')
  assert.match(await crashy.getByTestId('plugin-restarting').innerText(), /exited with code 134/)
  assert.equal(await crashy.getByTestId('plugin-error').count(), 0)
  const card = page.locator('[data-testid="installed-card"][data-plugin-id="AutoSignIn"]')
  const t1 = await toastAfter(() => card.getByTestId('update-btn').click())
  assert.equal(t1.color, 'success', t1.text)
  await card.getByTestId('update-btn').waitFor({ state: 'detached' })
  await card.getByTestId('more-btn').click()
  const t2 = await toastAfter(() => page.getByTestId('reload-btn').click())
  assert.equal(t2.color, 'success', t2.text)
  await card.getByTestId('more-btn').click()
  await page.getByTestId('reset-btn').click()
  const t3 = await toastAfter(() => page.getByTestId('confirm-ok').click())
  assert.equal(t3.color, 'success', t3.text)
})

test('render mode vue: a plugin component loaded from the host', async () => {
  await go('/market')
  const card = page.locator('[data-testid="market-card"][data-plugin-id="VueDemo"]')
  await card.getByTestId('install-btn').click()
  await card.getByTestId('installed-chip').waitFor()
  await go('/plugin/VueDemo')
  await page.locator('.vue-demo-btn').click()
  await page.locator('.vue-demo-page').getByText('clicks: 1').waitFor()
})

test('workflow actions listed', async () => {
  await go('/workflow')
  await page.locator('[data-testid="workflow"] [data-plugin-id="AutoSignIn"]').getByText('模拟登录').waitFor()
})

test('messages: send a command, press a [PLUGIN] button, see the reply', async () => {
  await go('/messages')
  await page.getByTestId('message-input').locator('input').fill('/douban_sync')
  await page.getByTestId('message-send').click()
  const btn = page.locator('[data-testid="reply-button"][data-callback="[PLUGIN]DoubanSync|menu1"]').first()
  await btn.click()
  await page.getByTestId('reply').filter({ hasText: '收到：menu1' }).waitFor()
  const bad = await toastAfter(async () => {
    await page.getByTestId('message-input').locator('input').fill('/nope')
    await page.getByTestId('message-send').click()
  })
  assert.equal(bad.color, 'error')
  assert.match(bad.text, /未知命令/)
})

test('music: install a source by URL, set variables, search across sources', async () => {
  await go('/music')
  await page.getByTestId('music-add-value').locator('input').fill('https://example.invalid/plugins/kuwo.js')
  const t = await toastAfter(() => page.getByTestId('music-add').click())
  assert.equal(t.color, 'success', t.text)
  await page.locator('[data-testid="music-source"][data-platform="kuwo"]').waitFor()
  const demo = page.locator('[data-testid="music-source"][data-platform="demo"]')
  await demo.locator('button[title]').first().click()
  await page.locator('.v-dialog input').first().fill('cookie=1')
  const t2 = await toastAfter(() => page.locator('.v-dialog').getByRole('button', { name: '保存' }).click())
  assert.equal(t2.color, 'success', t2.text)
  await page.getByTestId('music-query').locator('input').fill('晴天')
  await page.getByTestId('music-search').click()
  await page.locator('[data-testid="music-result"][data-platform="demo"]').getByText('晴天 1').waitFor()
  await page.locator('[data-testid="music-result"][data-platform="kuwo"] .v-alert').waitFor() // per-source error shown
})

test('a 401 logs out to the login page', async () => {
  await page.evaluate(() => localStorage.setItem('token', 'expired'))
  await page.reload()
  await go('/installed')
  await page.waitForURL(/#\/login/)
})
