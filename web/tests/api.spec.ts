import { describe, it, expect, vi, afterEach } from 'vitest'
import { session, setSession } from '../src/stores/session'
import * as api from '../src/api'

function reply(status: number, body: unknown) {
  return Promise.resolve(new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }))
}

afterEach(() => vi.unstubAllGlobals())

describe('api module', () => {
  it('logs in with form fields and sends the Bearer token afterwards', async () => {
    const calls: [string, RequestInit][] = []
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      calls.push([url, init])
      return calls.length === 1 ? reply(200, { access_token: 'tok', token_type: 'bearer' }) : reply(200, [{ id: 'A', plugin_name: 'a' }])
    })
    const r = await api.login('admin', 'pw')
    expect(r.access_token).toBe('tok')
    expect(calls[0][0]).toMatch(/\/api\/v1\/login\/access-token$/)
    expect(String(calls[0][1].body)).toBe('username=admin&password=pw')
    setSession('tok', 'admin')
    const list = await api.listPlugins('market')
    expect(list[0].id).toBe('A')
    expect(calls[1][0]).toMatch(/\/api\/v1\/plugin\/\?state=market$/)
    expect((calls[1][1].headers as Record<string, string>).Authorization).toBe('Bearer tok')
  })
  it('throws the host message of a failed envelope', async () => {
    vi.stubGlobal('fetch', () => reply(200, { success: false, message: '插件不存在' }))
    await expect(api.installPlugin('X')).rejects.toThrow('插件不存在')
  })
  it('uses FastAPI-style detail and ASP.NET problem titles for HTTP errors', async () => {
    vi.stubGlobal('fetch', () => reply(500, { detail: 'boom' }))
    await expect(api.listServices()).rejects.toThrow('boom')
    vi.stubGlobal('fetch', () => reply(400, { title: 'One or more validation errors occurred.' }))
    await expect(api.listServices()).rejects.toThrow('validation')
  })
  it('logs out on 401', async () => {
    setSession('tok', 'admin')
    vi.stubGlobal('fetch', () => reply(401, { detail: 'Not authenticated' }))
    await expect(api.dashboardMeta()).rejects.toThrow('Not authenticated')
    expect(session.token).toBe('')
    expect(localStorage.getItem('token')).toBeNull()
  })
  it('plugin API calls: GET with query params, POST with JSON body', async () => {
    const calls: [string, RequestInit][] = []
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => (calls.push([url, init]), reply(200, { success: true })))
    await api.callPluginApi('plugin/DoubanSync/delete_history', 'get', { doubanid: '42' })
    await api.callPluginApi('/api/v1/plugin/X/do', 'POST', { a: 1 })
    expect(calls[0][0]).toMatch(/\/api\/v1\/plugin\/DoubanSync\/delete_history\?doubanid=42$/)
    expect(calls[1][0]).toMatch(/\/api\/v1\/plugin\/X\/do$/)
    expect(calls[1][1].body).toBe('{"a":1}')
  })
  it('switches a plugin on or off alone, without reading and re-sending its config', async () => {
    const calls: [string, RequestInit][] = []
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => (calls.push([url, init]), reply(200, { success: true, data: { status: 'Active' } })))
    await api.setPluginEnabled('AutoSignIn', true)
    expect(calls).toHaveLength(1)
    expect(calls[0][0]).toMatch(/\/api\/v1\/plugin\/enabled\/AutoSignIn$/)
    expect(calls[0][1].method).toBe('PUT')
    expect(calls[0][1].body).toBe('{"enabled":true}')
    vi.stubGlobal('fetch', () => reply(200, { success: false, message: 'Plugin Picky was switched on but is Disabled.' }))
    await expect(api.setPluginEnabled('Picky', true)).rejects.toThrow('switched on but is Disabled')
  })
  it('accepts form, page and music search in both shapes', async () => {
    vi.stubGlobal('fetch', () => reply(200, [{ component: 'VAlert' }]))
    expect((await api.getPluginPage('X')).page).toHaveLength(1)
    vi.stubGlobal('fetch', () => reply(200, { render_mode: 'vue', page: [] }))
    expect((await api.getPluginPage('X')).render_mode).toBe('vue')
    vi.stubGlobal('fetch', () => reply(200, { success: true, data: { a: { data: [{ title: 't' }] }, b: { error: 'x' } } }))
    const r = await api.musicSearch('q')
    expect(r.map(x => x.platform)).toEqual(['a', 'b'])
  })
  it('reads the host music shapes: sources with manifest variables, search results under data.results', async () => {
    vi.stubGlobal('fetch', () => reply(200, { success: true, message: '', data: [{
      platform: 'demo', kind: 'javascript', version: '1.0.0', srcUrl: 'https://x/demo.js', enabled: true, functions: ['search'],
      variables: { cookie: 'c' }, loadError: 'bad', manifest: { platform: 'demo', version: '1.0.0', supportedSearchType: ['music'],
        userVariables: [{ key: 'cookie', title: 'Cookie', hint: 'h' }] } }] }))
    const [s] = await api.listMusicSources()
    expect(s.variables).toEqual([{ key: 'cookie', name: 'Cookie', hint: 'h' }])
    expect(s.values).toEqual({ cookie: 'c' })
    expect([s.url, s.error, s.supported_search_types]).toEqual(['https://x/demo.js', 'bad', ['music']])
    vi.stubGlobal('fetch', () => reply(200, { success: true, data: { query: 'q', type: 'music', page: 1,
      results: [{ platform: 'a', success: true, isEnd: true, data: [{ title: 't' }] }, { platform: 'b', success: false, error: 'x' }] } }))
    const r = await api.musicSearch('q')
    expect(r.map(x => [x.platform, x.error])).toEqual([['a', undefined], ['b', 'x']])
  })
})
