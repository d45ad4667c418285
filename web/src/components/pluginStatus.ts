/**
 * What a plugin card says about the plugin's state (Plugin.status and Plugin.error from GET plugin/): one place that
 * tells a worker being restarted after a crash (the host's `Restarting`, issue 20: it comes back by itself, or ends
 * `Malfunctioned` when it keeps crashing) from a plugin that failed and waits for the user (`Malfunctioned`,
 * `NotSupported`, MoviePilot-style "failed", or any other status with an error).
 */
import type { Plugin } from '../api'

export type StatusKind = 'restarting' | 'failed'

export function statusKind(p: Pick<Plugin, 'status' | 'error'>): StatusKind | null {
  const status = p.status ?? ''
  if (/^restarting$/i.test(status)) return 'restarting'
  if (p.error || /^(malfunction|notsupported|failed|error)/i.test(status)) return 'failed'
  return null
}
