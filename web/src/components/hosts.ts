/**
 * The cluster line of a plugin card: how many hosts run it and whether their versions differ (Plugin.hosts,
 * Plugin.version_skew from GET plugin/). Nothing on a single host.
 */
import type { Plugin } from '../api'

export interface HostsSummary {
  /** hosts that reported the plugin within three heartbeats */
  online: number
  /** the online hosts do not all run one version */
  skew: boolean
  /** one line per host: `node: version status (error)` */
  lines: string[]
}

export function hostsSummary(p: Plugin, notInstalled: string, offline: string): HostsSummary | null {
  const hosts = p.hosts ?? []
  if (hosts.length < 2 && !p.version_skew) return null
  return {
    online: hosts.filter(h => h.online).length,
    skew: !!p.version_skew,
    lines: hosts.map(h =>
      `${h.node}: ${h.version ? 'v' + h.version + ' ' : ''}${h.status === 'NotInstalled' ? notInstalled : h.status}` +
      `${h.online ? '' : ` (${offline})`}${h.error ? ` — ${h.error}` : ''}`),
  }
}
