import { request } from './http'

// GET /api/v1/stats (host/Plugin.Host/Api/StatsEndpoints.cs): what the host keeps in memory of the last hour.

/** Each plugin's calls per minute over the last hour and each service's last runs. @schema PluginStatsReport */
export interface PluginStatsReport {
  from: string
  to: string
  bucket_seconds: number
  plugins: PluginCallSeries[]
  services: ServiceRunHistory[]
}

/** One plugin's calls over the hour; p95_ms is null without calls. @schema PluginCallSeries */
export interface PluginCallSeries {
  plugin_id: string
  calls: number
  failures: number
  p95_ms: number | null
  buckets: CallBucket[]
}

/** One minute of a plugin's calls. @schema CallBucket */
export interface CallBucket {
  start: string
  calls: number
  failures: number
  p95_ms: number | null
}

/** One service's last runs, newest first. @schema ServiceRunHistory */
export interface ServiceRunHistory {
  plugin_id: string
  service_id: string
  runs: ServiceRun[]
}

/** One run: ok, error, timeout or skipped. @schema ServiceRun */
export interface ServiceRun {
  started: string
  duration_ms: number
  outcome: string
}

export async function getStats(): Promise<PluginStatsReport> {
  return await request<PluginStatsReport>('stats')
}
