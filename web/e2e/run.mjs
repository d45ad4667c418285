// `npm run e2e`: runs e2e/ui.e2e.mjs with node's test runner. With E2E_BASE_URL set it tests that host
// (the lead's script starts the real Plugin.Host); without it, it builds the UI if needed and starts
// the mock host from e2e/mock-server on a free loopback port.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const web = join(dirname(fileURLToPath(import.meta.url)), '..')
const env = { ...process.env }
let mock

if (env.E2E_API_URL && !env.E2E_BASE_URL) {
  // a host that answers the API but does not serve the UI yet: serve web/dist here and proxy /api to it
  if (!existsSync(join(web, 'dist', 'index.html'))) {
    const b = spawnSync('npx', ['vite', 'build'], { cwd: web, stdio: 'inherit' })
    if (b.status !== 0) process.exit(b.status ?? 1)
  }
  const { startMockServer } = await import('./mock-server/server.mjs')
  const front = await startMockServer({ port: 0, apiTarget: env.E2E_API_URL })
  env.E2E_BASE_URL = front.url
  mock = null
  process.on('exit', () => front.server.close())
  console.log(`e2e: UI from web/dist on ${front.url}, API of the host ${env.E2E_API_URL}`)
} else if (!env.E2E_BASE_URL) {
  if (!existsSync(join(web, 'dist', 'index.html'))) {
    const b = spawnSync('npx', ['vite', 'build'], { cwd: web, stdio: 'inherit' })
    if (b.status !== 0) process.exit(b.status ?? 1)
  }
  const { startMockServer } = await import('./mock-server/server.mjs')
  mock = await startMockServer({ port: 0, password: 'e2e-password' })
  env.E2E_BASE_URL = mock.url
  env.E2E_USER = 'admin'
  env.E2E_PASSWORD = 'e2e-password'
  env.E2E_PLUGIN ||= 'DoubanSync'
  env.E2E_VUE_PLUGIN ||= 'VueDemo' // the mock's render mode vue plugin: its button counts clicks
  env.E2E_VUE_EXPECT ||= 'clicks: 1'
  env.E2E_STRICT = '1' // the mock has everything: nothing may be skipped
  console.log(`e2e against the mock host ${mock.url}`)
} else console.log(`e2e against ${env.E2E_BASE_URL}`)

// ui.e2e.mjs and stats.e2e.mjs are host-agnostic; pages.e2e.mjs needs the mock host's fixtures
const specs = [join(web, 'e2e', 'ui.e2e.mjs'), join(web, 'e2e', 'stats.e2e.mjs')]
if (mock || env.E2E_PAGES === '1') specs.push(join(web, 'e2e', 'pages.e2e.mjs'))
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...specs], { cwd: web, env, stdio: 'inherit' })
const code = await new Promise(r => child.on('exit', c => r(c ?? 1)))
await mock?.close()
process.exit(code)
