// A small in-memory implementation of the host's REST contract (MoviePilot paths under /api/v1),
// serving the built UI from web/dist with an SPA fallback. Used by `npm run e2e` when no
// E2E_BASE_URL is given, by `npm run measure`, and as a standalone fixture: `npm run mock`.
// No dependencies beyond Node.
import http from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { join, extname, normalize, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { statsOf } from './stats.mjs'

const here = dirname(fileURLToPath(import.meta.url))

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject', '.ico': 'image/x-icon', '.map': 'application/json',
}

const ICON = 'data:image/svg+xml;utf8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><rect width="48" height="48" rx="10" fill="#3f51b5"/><text x="24" y="32" font-size="22" text-anchor="middle" fill="#fff">P</text></svg>')

function market() {
  return [
    {
      id: 'DoubanSync', plugin_name: '豆瓣想看', plugin_desc: '同步豆瓣想看数据，自动添加订阅。', plugin_icon: ICON,
      plugin_version: '1.2.0', plugin_label: '订阅,豆瓣', plugin_author: 'jxxghp', author_url: 'https://example.invalid/jxxghp',
      plugin_order: 1, auth_level: 2, repo_url: 'local', install_count: 1234, add_time: 1700000000,
      history: { 'v1.2.0': '新增仪表板\n修复同步问题', 'v1.1.0': '支持多用户', 'v1.0.0': '首个版本' },
    },
    {
      id: 'AutoSignIn', plugin_name: '站点自动签到', plugin_desc: '自动模拟登录、签到站点。', plugin_icon: ICON,
      plugin_version: '1.1.0', plugin_label: '站点', plugin_author: 'thsrite', plugin_order: 2, auth_level: 2,
      install_count: 99, history: { 'v1.1.0': '更快', 'v1.0.0': '首个版本' },
    },
    {
      id: 'VueDemo', plugin_name: 'Vue 组件演示', plugin_desc: 'render_mode vue: the plugin ships its own compiled component.',
      plugin_icon: ICON, plugin_version: '0.1.0', plugin_label: '演示', plugin_author: 'sdk', plugin_order: 3, auth_level: 1,
    },
    {
      id: 'BrokenPlugin', plugin_name: '损坏的插件', plugin_desc: 'Fails at load.', plugin_icon: '', plugin_version: '0.0.1',
      plugin_label: '演示', plugin_author: 'sdk', plugin_order: 4, auth_level: 3,
    },
    {
      id: 'CrashyWorker', plugin_name: '崩溃的工作进程', plugin_desc: 'Its worker crashed; the host is restarting it.', plugin_icon: '',
      plugin_version: '0.0.1', plugin_label: '演示', plugin_author: 'sdk', plugin_order: 5, auth_level: 3,
    },
  ]
}

export function createState() {
  return {
    tokens: new Set(),
    installed: new Map([
      ['AutoSignIn', { version: '1.0.0', config: { enabled: true, cron: '0 9 * * *', sites: [] } }],
      ['BrokenPlugin', { version: '0.0.1', config: {}, error: 'TypeLoadException: could not load MissingDep 1.0' }],
      // A worker between a crash and its restart (issue 20): the host lists it as Restarting with how the worker ended.
      ['CrashyWorker', { version: '0.0.1', config: { enabled: true }, isolation: 'Process', status: 'Restarting',
        error: 'The worker of CrashyWorker exited with code 134 (SIGABRT); restarting in 2 s.' }],
    ]),
    douban: { history: [ { id: '35267208', title: '流浪地球2', time: '2024-01-01 10:00' }, { id: '1292052', title: '肖申克的救赎', time: '2024-01-02 11:00' }, { id: '1291546', title: '霸王别姬', time: '2024-01-03 12:00' } ], dashboardHits: 0 },
    services: new Map(),
    music: [ { platform: 'demo', name: '演示音源', version: '1.0.0', author: 'sdk', url: 'https://example.invalid/demo.js', supported_search_types: ['music', 'album'], variables: [{ key: 'cookie', name: 'Cookie', hint: '登录后的 Cookie' }], values: {} } ],
  }
}

const doubanForm = () => ({
  conf: [
    { component: 'VForm', content: [
      { component: 'VRow', content: [
        { component: 'VCol', props: { cols: 12, md: 6 }, content: [{ component: 'VSwitch', props: { model: 'enabled', label: '启用插件' } }] },
        { component: 'VCol', props: { cols: 12, md: 6 }, content: [{ component: 'VSwitch', props: { model: 'notify', label: '发送通知' } }] },
      ] },
      { component: 'VRow', content: [
        { component: 'VCol', props: { cols: 12, md: 6 }, content: [{ component: 'VCronField', props: { model: 'cron', label: '执行周期' } }] },
        { component: 'VCol', props: { cols: 12, md: 6 }, content: [{ component: 'VTextField', props: { model: 'user', label: '用户列表', placeholder: '豆瓣用户ID，多个用英文逗号分隔' } }] },
        { component: 'VCol', props: { cols: 12, md: 6 }, content: [{ component: 'VTextField', props: { model: 'days', label: '同步天数', type: 'number' } }] },
        { component: 'VCol', props: { cols: 12, md: 6 }, content: [{ component: 'VSelect', props: { model: 'mode', label: '模式', items: [{ title: '订阅', value: 'sub' }, { title: '仅记录', value: 'log' }] } }] },
      ] },
      { component: 'VRow', content: [{ component: 'VCol', props: { cols: 12 }, content: [{ component: 'VAlert', props: { type: 'info', variant: 'tonal', text: '用户ID在豆瓣个人主页地址中。' } }] }] },
    ] },
  ],
  model: { enabled: false, notify: true, cron: '*/30 * * * *', user: '', days: 7, mode: 'sub' },
})

function doubanPage(state) {
  const rows = state.douban.history.map(h => ({
    component: 'tr', content: [
      { component: 'td', text: h.time }, { component: 'td', text: h.title },
      { component: 'td', content: [{ component: 'VBtn', props: { size: 'small', color: 'error', variant: 'text', class: 'delete-history' }, text: '删除', events: { click: { api: 'plugin/DoubanSync/delete_history', method: 'get', params: { doubanid: h.id } } } }] },
    ],
  }))
  return [
    { component: 'div', props: { class: 'text-subtitle-1 mb-2 history-count' }, text: `共 ${state.douban.history.length} 条历史` },
    { component: 'VTable', props: { hover: true }, content: [
      { component: 'thead', content: [{ component: 'tr', content: [{ component: 'th', text: '时间' }, { component: 'th', text: '标题' }, { component: 'th', text: '操作' }] }] },
      { component: 'tbody', content: rows },
    ] },
    { component: 'VRow', props: { class: 'mt-4' }, content: [
      { component: 'VCol', props: { cols: 12, md: 6 }, content: [{ component: 'VApexChart', props: { type: 'donut', height: 240, options: { labels: ['电影', '电视剧'] }, series: [state.douban.history.length, 2] } }] },
      { component: 'VCol', props: { cols: 12, md: 6 }, content: [{ component: 'VCronLikeUnknownThing', props: { model: 'x' }, content: [{ component: 'span', text: '未知组件的子内容' }] }] },
    ] },
  ]
}

const VUE_DEMO_MODULE = `
export function Page(sdk) {
  const { h, ref } = sdk.vue
  return {
    props: ['pluginId', 'api'],
    setup(props) {
      const n = ref(0)
      return () => h('div', { class: 'vue-demo-page' }, [
        h('p', 'Remote component of ' + props.pluginId + ' — clicks: ' + n.value),
        h('button', { class: 'vue-demo-btn', onClick: () => n.value++ }, '+1'),
      ])
    },
  }
}
export const Dashboard = Page
`

function pluginView(state, p) {
  const inst = state.installed.get(p.id)
  const out = {
    ...p, installed: !!inst, state: !!inst?.config?.enabled, is_local: false,
    has_page: p.id === 'DoubanSync' || p.id === 'VueDemo',
    has_update: !!inst && inst.version !== p.plugin_version,
  }
  if (inst) out.plugin_version = inst.version
  out.isolation = inst ? (inst.isolation ?? 'InProcess') : null
  if (inst?.status) Object.assign(out, { status: inst.status, error: inst.error ?? null })
  else if (inst?.error) Object.assign(out, { status: 'failed', error: inst.error, state: false })
  return out
}

function servicesOf(state) {
  const out = []
  if (state.installed.has('DoubanSync')) {
    const s = state.services.get('DoubanSync/douban_sync') ?? {}
    out.push({ id: 'douban_sync', plugin_id: 'DoubanSync', plugin_name: '豆瓣想看', name: '豆瓣想看同步', time_zone: 'Asia/Shanghai', trigger: 'cron: ' + (state.installed.get('DoubanSync').config.cron ?? ''), next_run: new Date(Date.now() + 1800_000).toISOString(), last_run: s.last_run ?? null, last_result: s.last_result ?? null })
  }
  if (state.installed.has('AutoSignIn')) out.push({ id: 'signin', plugin_id: 'AutoSignIn', plugin_name: '站点自动签到', name: '站点签到', trigger: 'cron: 0 9 * * *', time_zone: 'Asia/Shanghai', next_run: new Date(Date.now() + 3600_000).toISOString(), last_run: null, last_result: null })
  return out
}

const ok = (data, message = '') => ({ success: true, message, data })
const fail = message => ({ success: false, message })

async function body(req) {
  const chunks = []
  for await (const c of req) chunks.push(c)
  return Buffer.concat(chunks).toString('utf8')
}

/** Forwards a request to `target` (used to serve web/dist in front of a host that does not serve it yet). */
function proxy(req, res, target) {
  const url = new URL(req.url, target)
  const headers = { ...req.headers, host: url.host }
  const up = http.request(url, { method: req.method, headers }, r => {
    res.writeHead(r.statusCode ?? 502, r.headers)
    r.pipe(res)
  })
  up.on('error', e => {
    res.writeHead(502, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ success: false, message: `host unreachable: ${e.message}` }))
  })
  req.pipe(up)
}

export function createHandler({ distDir = join(here, '..', '..', 'dist'), user = 'admin', password = 'password', state = createState(), apiTarget = '' } = {}) {
  async function api(req, res, url) {
    const path = url.pathname.replace(/^\/api\/v1\/?/, '')
    const m = req.method
    const send = (status, obj) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(obj))
    }
    if (path === 'login/access-token' && m === 'POST') {
      const f = new URLSearchParams(await body(req))
      if (f.get('username') !== user || f.get('password') !== password) return send(401, { detail: '用户名或密码不正确' })
      const token = randomBytes(16).toString('hex')
      state.tokens.add(token)
      return send(200, { access_token: token, token_type: 'bearer' })
    }
    const auth = req.headers.authorization ?? ''
    if (!auth.startsWith('Bearer ') || !state.tokens.has(auth.slice(7))) return send(401, { detail: 'Not authenticated' })

    let g
    if (path === 'plugin/' || path === 'plugin') {
      const st = url.searchParams.get('state') ?? 'all'
      const all = market().map(p => pluginView(state, p))
      return send(200, st === 'installed' ? all.filter(p => p.installed) : all)
    }
    if ((g = /^plugin\/install\/(\w+)$/.exec(path))) {
      const p = market().find(x => x.id === g[1])
      if (!p) return send(200, fail(`插件 ${g[1]} 不存在`))
      await new Promise(r => setTimeout(r, 400)) // progress visible
      const prev = state.installed.get(p.id)
      state.installed.set(p.id, { version: p.plugin_version, config: prev?.config ?? (p.id === 'DoubanSync' ? { ...doubanForm().model } : {}) })
      return send(200, ok(null, `插件 ${p.plugin_name} 安装成功`))
    }
    if ((g = /^plugin\/install\/(\w+)\/stream$/.exec(path))) {
      // the host's streamed install: each step as a server-sent event, then the plain install's answer
      const p = market().find(x => x.id === g[1])
      if (!p) return send(404, fail(`插件 ${g[1]} 不存在`))
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
      const event = (name, data) => res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)
      const pkg = `${p.id} ${p.plugin_version}`
      const steps = [['resolve', {}], ['download', { package: pkg, index: 1, count: 1 }], ['verify', { package: pkg, index: 1, count: 1 }],
        ['extract', {}], ['check', {}], ['commit', {}], ['load', {}]]
      for (const [step, extra] of steps) {
        event('step', { step, state: 'started', message: `${step} ${pkg}`, ...extra })
        await new Promise(r => setTimeout(r, 120)) // progress visible
        event('step', { step, state: 'done', message: `${step} ${pkg} done`, ...extra, ...(step === 'download' ? { bytes: 48_213 } : {}) })
      }
      const prev = state.installed.get(p.id)
      state.installed.set(p.id, { version: p.plugin_version, config: prev?.config ?? (p.id === 'DoubanSync' ? { ...doubanForm().model } : {}) })
      event('result', ok([], `插件 ${p.plugin_name} 安装成功`))
      return res.end()
    }
    if ((g = /^plugin\/form\/(\w+)$/.exec(path))) {
      if (g[1] === 'DoubanSync') return send(200, doubanForm())
      if (g[1] === 'VueDemo') return send(200, { render_mode: 'vue', conf: [], model: {} })
      return send(200, { conf: [{ component: 'VSwitch', props: { model: 'enabled', label: '启用插件' } }, { component: 'VCronField', props: { model: 'cron', label: '签到周期' } }], model: { enabled: false, cron: '' } })
    }
    if ((g = /^plugin\/page\/(\w+)$/.exec(path))) {
      if (g[1] === 'DoubanSync') return send(200, doubanPage(state))
      if (g[1] === 'VueDemo') return send(200, { render_mode: 'vue', page: [] })
      return send(200, [])
    }
    if ((g = /^plugin\/remotes\/(\w+)$/.exec(path))) {
      if (g[1] !== 'VueDemo') return send(404, { detail: 'no remote component' })
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' })
      return res.end(VUE_DEMO_MODULE)
    }
    if ((g = /^plugin\/(reload|reset)\/(\w+)$/.exec(path))) {
      const inst = state.installed.get(g[2])
      if (!inst) return send(200, fail('插件未安装'))
      if (g[1] === 'reset') inst.config = g[2] === 'DoubanSync' ? { ...doubanForm().model } : {}
      return send(200, ok(null, g[1] === 'reset' ? '已重置' : '已重新加载'))
    }
    if (path === 'plugin/dashboard/meta') {
      const out = []
      if (state.installed.has('DoubanSync')) out.push({ id: 'DoubanSync', key: 'stats', name: '豆瓣同步统计' })
      if (state.installed.has('AutoSignIn')) out.push({ id: 'AutoSignIn', key: 'today', name: '今日签到' })
      return send(200, out)
    }
    if ((g = /^plugin\/dashboard\/(\w+)\/(\w+)$/.exec(path))) {
      if (g[1] === 'DoubanSync') {
        const hits = ++state.douban.dashboardHits
        return send(200, { id: 'DoubanSync', name: '豆瓣想看', key: 'stats', render_mode: 'vuetify', attrs: { refresh: 2, border: true, title: '豆瓣同步统计', subtitle: '每 2 秒刷新' }, cols: { cols: 12, md: 6 },
          elements: [{ component: 'VRow', content: [
            { component: 'VCol', props: { cols: 6 }, content: [{ component: 'div', props: { class: 'text-h4 history-total' }, text: String(state.douban.history.length) }, { component: 'div', props: { class: 'text-caption' }, text: '历史条数' }] },
            { component: 'VCol', props: { cols: 6 }, content: [{ component: 'div', props: { class: 'text-h4 refresh-hits' }, text: String(hits) }, { component: 'div', props: { class: 'text-caption' }, text: '刷新次数' }] },
          ] }] })
      }
      return send(200, { id: g[1], name: '站点自动签到', key: g[2], attrs: { border: false }, cols: { cols: 12, md: 6 }, elements: [{ component: 'VAlert', props: { type: 'success', variant: 'tonal', title: '今日签到', text: '3/3 个站点签到成功' } }] })
    }
    if (path === 'plugin/services') return send(200, servicesOf(state))
    if (path === 'stats') return send(200, statsOf(state))
    if ((g = /^plugin\/services\/(\w+)\/(\w+)\/run$/.exec(path)) && m === 'POST') {
      if (!servicesOf(state).some(s => s.plugin_id === g[1] && s.id === g[2])) return send(404, fail('服务不存在'))
      state.services.set(`${g[1]}/${g[2]}`, { last_run: new Date().toISOString(), last_result: '成功：同步 0 条' })
      return send(200, ok(null, '服务已开始运行'))
    }
    if (path === 'plugin/DoubanSync/delete_history') {
      const id = url.searchParams.get('doubanid')
      const before = state.douban.history.length
      state.douban.history = state.douban.history.filter(h => h.id !== id)
      return send(200, before === state.douban.history.length ? fail('记录不存在') : ok(null, '删除成功'))
    }
    if ((g = /^plugin\/isolation\/(\w+)$/.exec(path))) {
      // The host's GET|PUT plugin/isolation/{id}: the admin's choice, null = the host default (InProcess here).
      const inst = state.installed.get(g[1])
      if (!inst) return send(404, fail('插件未安装'))
      const view = () => ({ mode: inst.isolation ?? null, effective: inst.isolation ?? 'InProcess', default: 'InProcess', status: 'Active' })
      if (m === 'GET') return send(200, view())
      const mode = JSON.parse((await body(req)) || '{}').mode
      if (mode !== null && mode !== 'InProcess' && mode !== 'Process') return send(400, fail(`mode must be InProcess or Process, or null for the host's default; got '${mode}'.`))
      inst.isolation = mode
      return send(200, ok(view(), `Plugin ${g[1]} reloaded to run ${view().effective}.`))
    }
    if ((g = /^plugin\/enabled\/(\w+)$/.exec(path)) && m === 'PUT') {
      const inst = state.installed.get(g[1])
      if (!inst) return send(404, fail('插件未安装'))
      inst.config = { ...inst.config, enabled: !!JSON.parse((await body(req)) || '{}').enabled }
      return send(200, ok({ status: inst.config.enabled ? 'Active' : 'Disabled' }, inst.config.enabled ? '插件已启用' : '插件已停用'))
    }
    if ((g = /^plugin\/(\w+)$/.exec(path))) {
      const id = g[1]
      const inst = state.installed.get(id)
      if (m === 'GET') return send(200, inst?.config ?? {})
      if (m === 'PUT') {
        if (!inst) return send(200, fail('插件未安装'))
        inst.config = JSON.parse((await body(req)) || '{}')
        return send(200, ok(null, '插件配置已保存'))
      }
      if (m === 'DELETE') {
        if (!inst) return send(200, fail('插件未安装'))
        state.installed.delete(id)
        return send(200, ok(null, '插件已卸载'))
      }
    }
    if (path === 'workflow/plugin/actions') {
      const out = []
      if (state.installed.has('DoubanSync')) out.push({ plugin_id: 'DoubanSync', plugin_name: '豆瓣想看', actions: [{ id: 'sync', name: '同步豆瓣想看' }] })
      if (state.installed.has('AutoSignIn')) out.push({ plugin_id: 'AutoSignIn', plugin_name: '站点自动签到', actions: [{ id: 'signin', name: '签到' }, { id: 'login', name: '模拟登录' }] })
      return send(200, out)
    }
    if (path === 'message/' && m === 'POST') {
      const { text = '' } = JSON.parse((await body(req)) || '{}')
      const btn = (t, d) => ({ text: t, callback_data: `[PLUGIN]DoubanSync|${d}` })
      if (text === '/douban_sync' || text === '[PLUGIN]DoubanSync|back')
        return send(200, ok({ replies: [{ title: '🤖 插件交互演示', text: '请选择要执行的操作：', buttons: [[btn('🎬 媒体管理', 'menu1'), btn('⚙️ 系统设置', 'menu2')], [btn('📊 查看状态', 'status')]] }] }))
      if (text.startsWith('[PLUGIN]DoubanSync|'))
        return send(200, ok({ replies: [{ title: '✅ 操作完成', text: `收到：${text.split('|')[1]}`, buttons: [[btn('🔙 返回主菜单', 'back')]] }] }))
      if (text.startsWith('/')) return send(200, fail(`未知命令 ${text}`))
      return send(200, ok({ replies: [] }, '消息已收到'))
    }
    if (path === 'music/plugins' && m === 'GET') return send(200, state.music)
    if (path === 'music/plugins' && m === 'POST') {
      const b = JSON.parse((await body(req)) || '{}')
      const src = b.url ?? b.subscription ?? 'code'
      const platform = String(src).split('/').pop().replace(/\.(js|json)$/, '') || 'code'
      if (state.music.some(s => s.platform === platform)) return send(200, fail(`音源 ${platform} 已存在`))
      state.music.push({ platform, name: platform, version: '1.0.0', url: b.url ?? '', variables: [], values: {} })
      return send(200, ok(null, `已安装 ${platform}`))
    }
    if ((g = /^music\/plugins\/([\w-]+)$/.exec(path)) && m === 'DELETE') {
      state.music = state.music.filter(s => s.platform !== g[1])
      return send(200, ok(null, '已删除'))
    }
    if ((g = /^music\/plugins\/([\w-]+)\/variables$/.exec(path)) && m === 'PUT') {
      const s = state.music.find(x => x.platform === g[1])
      if (!s) return send(404, fail('音源不存在'))
      s.values = JSON.parse((await body(req)) || '{}')
      return send(200, ok(null, '已保存'))
    }
    if (path === 'music/search') {
      const q = url.searchParams.get('query') ?? ''
      return send(200, state.music.map((s, i) => i % 2 === 1
        ? { platform: s.platform, name: s.name, error: 'timeout after 15 s' }
        : { platform: s.platform, name: s.name, isEnd: true, data: [1, 2, 3].map(n => ({ id: `${s.platform}-${n}`, title: `${q} ${n}`, artist: '歌手', album: '专辑', duration: 200 + n })) }))
    }
    return send(404, { detail: `Not Found: ${m} /api/v1/${path}` })
  }

  async function serveStatic(req, res, url) {
    let p = decodeURIComponent(url.pathname)
    if (p === '/' || p === '') p = '/index.html'
    const file = normalize(join(distDir, p))
    const inside = file.startsWith(normalize(distDir))
    try {
      if (!inside) throw new Error('outside')
      const s = await stat(file)
      if (!s.isFile()) throw new Error('dir')
      const data = await readFile(file)
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': p.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' })
      return res.end(data)
    } catch {
      if (extname(p) && p !== '/index.html') {
        res.writeHead(404)
        return res.end('not found')
      }
      try {
        const html = await readFile(join(distDir, 'index.html'))
        res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache' })
        return res.end(html)
      } catch {
        res.writeHead(500)
        return res.end('web/dist is missing: run `npm run build` in web/')
      }
    }
  }

  return async (req, res) => {
    const url = new URL(req.url, 'http://localhost')
    try {
      if (url.pathname.startsWith('/api/')) return apiTarget ? proxy(req, res, apiTarget) : await api(req, res, url)
      return await serveStatic(req, res, url)
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ success: false, message: String(e?.message ?? e) }))
    }
  }
}

export function startMockServer({ port = 0, host = '127.0.0.1', ...opts } = {}) {
  return new Promise(resolve => {
    const server = http.createServer(createHandler(opts))
    server.listen(port, host, () => {
      const a = server.address()
      resolve({ server, url: `http://${host}:${a.port}`, close: () => new Promise(r => server.close(() => r())) })
    })
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.MOCK_PORT ?? 3101)
  const apiTarget = process.env.MOCK_API_TARGET ?? ''
  const { url } = await startMockServer({ port, apiTarget, user: process.env.MOCK_USER ?? 'admin', password: process.env.MOCK_PASSWORD ?? 'password' })
  if (apiTarget) console.log(`web/dist on ${url}, /api proxied to ${apiTarget}`)
  else console.log(`mock host on ${url} (user ${process.env.MOCK_USER ?? 'admin'} / ${process.env.MOCK_PASSWORD ?? 'password'})`)
}
