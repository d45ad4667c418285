import { describe, it, expect } from 'vitest'
import { hostsSummary } from '../src/components/hosts'
import type { Plugin } from '../src/api'

const at = '2026-12-03T01:00:00Z'

describe('hostsSummary', () => {
  it('shows nothing on a single host', () => {
    expect(hostsSummary({ id: 'P', plugin_name: 'P' }, 'not installed', 'offline')).toBeNull()
    expect(hostsSummary({ id: 'P', plugin_name: 'P', hosts: [{ node: 'a', version: '1.0.0', status: 'Active', heartbeat: at, online: true }] },
      'not installed', 'offline')).toBeNull()
  })

  it('counts the online hosts and lists each with its version, status and error', () => {
    const p: Plugin = {
      id: 'P',
      plugin_name: 'P',
      version_skew: true,
      hosts: [
        { node: 'a', version: '2.0.0', status: 'Active', heartbeat: at, online: true },
        { node: 'b', version: '1.0.0', status: 'Active', error: 'no 2.0.0 in this host\'s feeds', heartbeat: at, online: true },
        { node: 'c', version: null, status: 'NotInstalled', heartbeat: at, online: false },
      ],
    }
    const s = hostsSummary(p, 'not installed', 'offline')!
    expect(s.online).toBe(2)
    expect(s.skew).toBe(true)
    expect(s.lines).toEqual([
      'a: v2.0.0 Active',
      'b: v1.0.0 Active — no 2.0.0 in this host\'s feeds',
      'c: not installed (offline)',
    ])
  })
})
