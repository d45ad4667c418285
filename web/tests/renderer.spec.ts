import { describe, it, expect, vi, beforeAll } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { reactive, nextTick } from 'vue'
import { createVuetify } from 'vuetify'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { JsonRender } from '../src/renderer/JsonRender'
import { preload, isKnownComponent, normalizeName } from '../src/renderer/registry'
import type { RenderNode, ApiEvent } from '../src/renderer/types'

const corpusDir = join(process.cwd(), 'tests', 'corpus')
const corpus: Record<string, RenderNode[]> = Object.fromEntries(
  readdirSync(corpusDir)
    .filter(f => f.endsWith('.json'))
    .map(f => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(corpusDir, f), 'utf8'))]),
)

const vuetify = createVuetify()

async function render(nodes: RenderNode[], model: Record<string, any> = reactive({}), caller?: (ev: ApiEvent) => Promise<unknown>) {
  await preload(nodes)
  const w = mount(JsonRender, {
    props: { nodes, model, caller },
    global: { plugins: [vuetify] },
    attachTo: document.body,
  })
  await flushPromises()
  await nextTick()
  return w
}

beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

describe('component registry', () => {
  it('knows every Vuetify component by name, in any spelling', () => {
    for (const n of ['VBtn', 'v-btn', 'VDataTable', 'VCardTitle', 'VCol', 'VRow', 'VExpansionPanelText', 'VWindowItem', 'VFadeTransition', 'VSnackbarQueue'])
      expect(isKnownComponent(n), n).toBe(true)
    expect(normalizeName('v-data-table-server')).toBe('VDataTableServer')
    expect(isKnownComponent('VTotallyUnknownWidget')).toBe(false)
  })
  it('knows MoviePilot-only components through stand-ins', () => {
    for (const n of ['VCronField', 'VPathField', 'VAceEditor', 'VApexChart', 'apexchart', 'VDialogCloseBtn']) expect(isKnownComponent(n), n).toBe(true)
  })
})

describe('corpus renders without blanking', () => {
  for (const [name, nodes] of Object.entries(corpus)) {
    it(name, async () => {
      const w = await render(nodes)
      expect(w.html().length).toBeGreaterThan(40)
      expect(w.find('.json-render-loading').exists()).toBe(false)
      w.unmount()
    })
  }
})

describe('config form (VForm/VRow/VCol/VSwitch/VTextField/VSelect/VCronField)', () => {
  it('binds model paths both ways, nested paths included', async () => {
    const model = reactive<Record<string, any>>({ enabled: true, notify: false, cron: '0 8 * * *', days: 7, users: ['a'], rss: { urls: 'http://x' } })
    const w = await render(corpus['config-form'], model)
    const inputs = w.findAll('input')
    const cronInput = inputs.find(i => (i.element as HTMLInputElement).value === '0 8 * * *')
    expect(cronInput, 'VCronField stand-in shows the cron value').toBeTruthy()
    await cronInput!.setValue('*/5 * * * *')
    expect(model.cron).toBe('*/5 * * * *')
    const ta = w.find('textarea')
    expect((ta.element as HTMLTextAreaElement).value).toBe('http://x')
    await ta.setValue('http://y')
    expect(model.rss.urls).toBe('http://y')
    // the switch reflects and writes `enabled`
    const enabledSwitch = w.findAll('input[type="checkbox"]')[0]
    expect((enabledSwitch.element as HTMLInputElement).checked).toBe(true)
    await enabledSwitch.setValue(false)
    expect(model.enabled).toBe(false)
    expect(w.text()).toContain('用户ID可以在豆瓣个人主页找到')
    expect(w.find('.v-col-md-4').exists()).toBe(true)
    w.unmount()
  })
  it('creates nested objects for a path that is missing', async () => {
    const model = reactive<Record<string, any>>({})
    const w = await render([{ component: 'VTextField', props: { model: 'model.a.b.c' } }], model)
    await w.find('input').setValue('deep')
    expect(model.a.b.c).toBe('deep')
    w.unmount()
  })
})

describe('events and API calls (seed section 7)', () => {
  it('VDialogCloseBtn click calls the API with params and asks for a refresh', async () => {
    const calls: ApiEvent[] = []
    const w = await render(corpus['seed-api-event'], reactive({}), async ev => {
      calls.push(ev)
      return { success: true }
    })
    const btn = w.find('[data-plugin-api="plugin/DoubanSync/delete_history"]')
    expect(btn.exists()).toBe(true)
    await btn.trigger('click')
    await flushPromises()
    expect(calls).toEqual([{ api: 'plugin/DoubanSync/delete_history', method: 'get', params: { doubanid: '' } }])
    expect(w.emitted('refresh')).toHaveLength(1)
    w.unmount()
  })
  it('table button inside native tr/td calls the API', async () => {
    const calls: ApiEvent[] = []
    const w = await render(corpus['page-table'], reactive({}), async ev => {
      calls.push(ev)
      return {}
    })
    expect(w.findAll('th').map(t => t.text())).toContain('标题')
    expect(w.text()).toContain('流浪地球2')
    expect(w.text()).toContain('SiteB') // VDataTable items
    await w.find('[data-plugin-api]').trigger('click')
    await flushPromises()
    expect(calls[0].params).toEqual({ doubanid: '35267208' })
    expect(w.emitted('refresh')).toHaveLength(1)
    w.unmount()
  })
  it('a failing API call still refreshes and reports the error', async () => {
    const w = await render(corpus['seed-api-event'], reactive({}), async () => {
      throw new Error('boom from host')
    })
    await w.find('[data-plugin-api]').trigger('click')
    await flushPromises()
    expect(w.emitted('api-error')).toHaveLength(1)
    expect(w.emitted('refresh')).toHaveLength(1)
    w.unmount()
  })
})

describe('expressions, show/v-if, on* handlers, html', () => {
  it('evaluates {{ }} in text and props, show on nested path, v-if, onclick strings', async () => {
    const model = reactive<Record<string, any>>({ enabled: true, count: 0, proxy: { enabled: false, host: '' } })
    const w = await render(corpus['expressions'], model)
    expect(w.text()).toContain('状态：已启用')
    // v-if: count 0 → chip absent
    expect(w.find('.counter-chip').exists()).toBe(false)
    // show: proxy.enabled false → text field hidden
    const field = () => w.findAll('.v-text-field')[0]
    expect((field().element as HTMLElement).style.display).toBe('none')
    model.proxy.enabled = true
    await nextTick()
    expect((field().element as HTMLElement).style.display).toBe('')
    // onclick string runs with the model in scope
    for (let i = 0; i < 4; i++) await w.find('.inc-btn').trigger('click')
    expect(model.count).toBe(4)
    await nextTick()
    const chip = w.find('.counter-chip')
    expect(chip.exists()).toBe(true)
    expect(chip.text()).toContain('4 条')
    expect(chip.classes().join(' ')).toContain('error')
    model.enabled = false
    await nextTick()
    expect(w.text()).toContain('状态：未启用')
    w.unmount()
  })
  it('sanitises html', async () => {
    const w = await render(corpus['expressions'], reactive({ count: 0 }))
    const box = w.find('.html-box')
    expect(box.html()).toContain('<b>粗体</b>')
    expect(box.html()).not.toContain('<script')
    expect(box.html()).not.toContain('onerror')
    await flushPromises()
    expect((window as any).__xss).toBeUndefined()
    w.unmount()
  })
})

describe('unknown components fall back visibly', () => {
  it('shows a marked fallback with its children, and the rest of the page', async () => {
    const w = await render(corpus['unknown'])
    const fb = w.find('[data-unknown-component="VTotallyUnknownWidget"]')
    expect(fb.exists()).toBe(true)
    expect(fb.text()).toContain('VTotallyUnknownWidget')
    expect(fb.find('.inner-text').text()).toBe('内部内容仍然显示')
    expect(w.text()).toContain('上方正常')
    expect(w.text()).toContain('下方正常')
    expect(w.text()).toContain('纯文本节点')
    expect(w.text()).toContain('自定义元素')
    expect(w.find('.no-component').text()).toBe('没有 component 字段')
    w.unmount()
  })
  it('a component that throws while rendering is contained', async () => {
    // VDataTable with headers that are not an array throws inside Vuetify
    const w = await render([
      { component: 'VAlert', text: 'before' },
      { component: 'VDataTable', props: { headers: 5 as unknown as [], items: 'nope' } },
      { component: 'VAlert', text: 'after' },
    ])
    expect(w.text()).toContain('before')
    expect(w.text()).toContain('after')
    w.unmount()
  })
})

describe('tabs, windows, panels, kebab-case names', () => {
  it('VTabs and VWindow share a model key', async () => {
    const model = reactive<Record<string, any>>({ _tab: 'two' })
    const w = await render(corpus['tabs'], model)
    expect(w.text()).toContain('基本设置')
    expect(w.find('.tab-two').exists()).toBe(true)
    expect(w.find('.v-progress-linear').exists()).toBe(true)
    expect(w.text()).toContain('条目一')
    w.unmount()
  })
})

describe('the SDK samples (Plugin.Sdk Ui builders, SiteStatistic shape)', () => {
  it('form binds, table shows, each button calls its own API with its params', async () => {
    const model = reactive<Record<string, any>>({ enabled: true, cron: '0 */6 * * *', notify: false, sites: 'A|https://a.example/u|c', tags: [], password: '' })
    const calls: ApiEvent[] = []
    const w = await render(corpus['sdk-sitestatistic'], model, async ev => (calls.push(ev), {}))
    expect(w.find('.plugin-cron-field').exists()).toBe(true)
    expect(w.text()).toContain('5 位 cron 表达式')
    expect(w.find('input[type="password"]').exists()).toBe(true)
    expect(w.text()).toContain('300.00 GB')
    const btns = w.findAll('[data-plugin-api="plugin/SiteStatistic/refresh_by_domain"]')
    expect(btns).toHaveLength(2)
    await btns[1].trigger('click')
    await flushPromises()
    expect(calls[0].params).toEqual({ domain: 'b.example' })
    expect(w.find('.json-render-unknown').exists()).toBe(false)
    w.unmount()
  })
})

describe('forms captured from the real Plugin.Host (samples WatchlistSync, AutoSignIn)', () => {
  const dir = join(corpusDir, 'host')
  for (const f of readdirSync(dir).filter(x => x.endsWith('.form.json'))) {
    it(f, async () => {
      const form = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { conf: RenderNode[]; model: Record<string, any> }
      const model = reactive<Record<string, any>>(JSON.parse(JSON.stringify(form.model)))
      const w = await render(form.conf, model)
      expect(w.find('.json-render-unknown').exists()).toBe(false)
      expect(w.find('.json-render-error').exists()).toBe(false)
      // every bound key shows up: switches are checkboxes, the rest are inputs
      const enabled = w.findAll('input[type="checkbox"]')[0]
      await enabled.setValue(!model.enabled)
      expect(typeof model.enabled).toBe('boolean')
      if ('cron' in model) {
        const cron = w.find('.plugin-cron-field input')
        expect((cron.element as HTMLInputElement).value).toBe(String(model.cron))
        await cron.setValue('0 9 * * *')
        expect(model.cron).toBe('0 9 * * *')
      }
      w.unmount()
    })
  }
})

describe('dashboard JSON', () => {
  it('renders the stats card; the chart is resolved (or contained), never blanks the widget', async () => {
    const w = await render(corpus['dashboard-stats'])
    expect(w.text()).toContain('总上传量')
    expect(w.text()).toContain('12.3 TB')
    expect(w.find('.json-render-unknown').exists()).toBe(false)
    w.unmount()
  })
})
