import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import * as components from 'vuetify/components'
import { createVuetify } from 'vuetify'
import IsolationMenu from '../src/components/IsolationMenu.vue'
import * as api from '../src/api'
import { setLocale } from '../src/i18n'

const vuetify = createVuetify({ components })

function reply(body: unknown) {
  return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }))
}

afterEach(() => vi.unstubAllGlobals())

describe('plugin isolation', () => {
  it('PUTs the chosen mode, and null for the host default', async () => {
    const calls: [string, RequestInit][] = []
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => (
      calls.push([url, init]),
      reply({ success: true, message: 'ok', data: { mode: null, effective: 'InProcess', default: 'InProcess', status: 'Active' } })
    ))
    await api.setPluginIsolation('Echo', 'Process')
    await api.setPluginIsolation('Echo', null)
    expect(calls.map(c => [c[1].method, c[1].body])).toEqual([
      ['PUT', '{"mode":"Process"}'],
      ['PUT', '{"mode":null}'],
    ])
    expect(calls[0][0]).toMatch(/\/api\/v1\/plugin\/isolation\/Echo$/)
  })

  it('refuses with the host message when the reload in the new mode failed', async () => {
    vi.stubGlobal('fetch', () => reply({ success: false, message: 'Plugin Echo was set to run Process but Echo is Malfunctioned: boom' }))
    await expect(api.setPluginIsolation('Echo', 'Process')).rejects.toThrow('Malfunctioned: boom')
  })

  it('shows where the plugin runs, ticks the current choice and emits another one', async () => {
    setLocale('en')
    const calls: string[] = []
    vi.stubGlobal('fetch', (url: string) => (
      calls.push(url), reply({ mode: 'Process', effective: 'Process', default: 'InProcess', status: 'Active' })
    ))
    const w = mount(IsolationMenu, {
      props: { plugin: { id: 'Echo', plugin_name: 'Echo', isolation: 'Process' } },
      global: { plugins: [vuetify] },
      attachTo: document.body,
    })
    const chip = w.get('[data-testid="isolation-chip"]')
    expect(chip.text()).toBe('worker process')
    await chip.trigger('click')
    await flushPromises()
    expect(calls[0]).toMatch(/\/api\/v1\/plugin\/isolation\/Echo$/)
    const item = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement
    expect(item('isolation-default').textContent).toContain("the host's default (host process)")
    expect(item('isolation-process').className).toContain('v-list-item--active')
    expect(item('isolation-inprocess').className).not.toContain('v-list-item--active')
    // The current choice again changes nothing; another one is emitted, null standing for the host default.
    item('isolation-process').click()
    await chip.trigger('click')
    await flushPromises()
    item('isolation-default').click()
    expect(w.emitted('choose')).toEqual([[null]])
    w.unmount()
  })

  it('shows nothing for a plugin that is not installed', () => {
    const w = mount(IsolationMenu, { props: { plugin: { id: 'M', plugin_name: 'M', isolation: null } }, global: { plugins: [vuetify] } })
    expect(w.find('[data-testid="isolation-chip"]').exists()).toBe(false)
  })
})
