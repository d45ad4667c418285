import { describe, it, expect } from 'vitest'
import { mount } from '@vue/test-utils'
import * as components from 'vuetify/components'
import { createVuetify } from 'vuetify'
import PluginStatusLine from '../src/components/PluginStatusLine.vue'
import { statusKind } from '../src/components/pluginStatus'
import { setLocale } from '../src/i18n'

const vuetify = createVuetify({ components })
const line = (plugin: Record<string, unknown>) =>
  mount(PluginStatusLine, { props: { plugin: { id: 'P', plugin_name: 'P', ...plugin } }, global: { plugins: [vuetify] } })

describe('plugin status line', () => {
  it('tells a worker being restarted from a failed plugin', () => {
    expect(statusKind({ status: 'Restarting', error: 'the worker exited with code 134' })).toBe('restarting')
    expect(statusKind({ status: 'Restarting' })).toBe('restarting')
    expect(statusKind({ status: 'Malfunctioned', error: 'crashed 4 times in 5 minutes' })).toBe('failed')
    expect(statusKind({ status: 'NotSupported' })).toBe('failed')
    expect(statusKind({ status: 'failed' })).toBe('failed')
    expect(statusKind({ status: 'Active', error: 'init exploded' })).toBe('failed')
    expect(statusKind({ status: 'Active' })).toBeNull()
    expect(statusKind({ status: 'Disabled', error: null as unknown as undefined })).toBeNull()
  })

  it('shows Restarting with its own chip and colour, and why, not as a failure', () => {
    setLocale('en')
    const w = line({ status: 'Restarting', error: 'The worker of P exited with code 134 (SIGABRT); restarting in 2 s.', isolation: 'Process' })
    const chip = w.get('[data-testid="status-chip"]')
    expect(chip.text()).toBe('Restarting')
    expect(chip.classes()).toContain('text-warning')
    const reason = w.get('[data-testid="plugin-restarting"]')
    expect(reason.text()).toBe('Restarting: The worker of P exited with code 134 (SIGABRT); restarting in 2 s.')
    expect(reason.classes()).toContain('text-warning')
    expect(w.find('[data-testid="plugin-error"]').exists()).toBe(false)
  })

  it('says so in Chinese, and without an error explains what happens', () => {
    setLocale('zh-CN')
    const w = line({ status: 'Restarting' })
    expect(w.get('[data-testid="status-chip"]').text()).toBe('重启中')
    expect(w.get('[data-testid="plugin-restarting"]').text()).toContain('重启中: 插件的工作进程意外退出')
    setLocale('en')
  })

  it('shows a failed plugin its error, and nothing for a plugin that runs', () => {
    setLocale('en')
    const failed = line({ status: 'Malfunctioned', error: 'crashed 4 times in 5 minutes' })
    expect(failed.get('[data-testid="plugin-error"]').text()).toBe('Plugin failed: crashed 4 times in 5 minutes')
    expect(failed.find('[data-testid="status-chip"]').exists()).toBe(false)
    const active = line({ status: 'Active' })
    expect(active.find('[data-testid="plugin-error"]').exists()).toBe(false)
    expect(active.find('[data-testid="plugin-restarting"]').exists()).toBe(false)
  })
})
