import { describe, it, expect } from 'vitest'
import { mount } from '@vue/test-utils'
import * as components from 'vuetify/components'
import { createVuetify } from 'vuetify'
import TrustChips from '../src/components/TrustChips.vue'
import { setLocale } from '../src/i18n'

const vuetify = createVuetify({ components })

describe('TrustChips', () => {
  it('shows capabilities, the signer with its fingerprint and the install warnings', () => {
    setLocale('en')
    const w = mount(TrustChips, {
      props: {
        plugin: {
          id: 'Caps',
          plugin_name: 'Caps',
          capabilities: ['filesystem', 'process', 'something-new'],
          trust_warnings: ['uses capabilities its package does not declare: process'],
          signer: { subject: 'CN=Author', fingerprint: 'AB12', type: 'Author', trusted_root: false, verified: true },
        },
      },
      global: { plugins: [vuetify] },
    })
    expect(w.findAll('[data-testid="capability-chip"]').map(c => c.text())).toEqual(['file system', 'starts processes', 'something-new'])
    const signer = w.get('[data-testid="signer-chip"]')
    expect(signer.text()).toContain('signed by CN=Author')
    expect(signer.attributes('title')).toBe('SHA-256 AB12')
    expect(w.get('[data-testid="trust-warning"]').text()).toContain('does not declare: process')
  })

  it('renders nothing for a plugin without capabilities, signer or warnings', () => {
    const w = mount(TrustChips, { props: { plugin: { id: 'P', plugin_name: 'P', capabilities: [] } }, global: { plugins: [vuetify] } })
    expect(w.find('[data-testid="trust-chips"]').exists()).toBe(false)
  })
})
