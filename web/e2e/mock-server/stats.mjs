// GET /api/v1/stats of the mock host: an hour of made-up but plausible minutes for each installed plugin (a steady
// load with a burst and a few failures), and the services' runs, so the stats page has something to draw.
export function statsOf(state, now = Date.now()) {
  const minute = Math.floor(now / 60_000)
  const from = (minute - 59) * 60_000
  const plugins = [...state.installed.keys()].sort().map((id, n) => {
    const buckets = Array.from({ length: 60 }, (_, i) => {
      const calls = i < 10 ? 0 : Math.round(4 + 3 * Math.sin((i + n * 7) / 5) + (i > 44 && i < 50 ? 12 : 0))
      const failures = calls && (i + n) % 13 === 0 ? Math.min(calls, 2) : 0
      const p95 = calls ? Math.round((12 + 8 * Math.cos((i + n) / 4) + (i > 44 && i < 50 ? 60 : 0)) * 10) / 10 : null
      return { start: new Date(from + i * 60_000).toISOString(), calls, failures, p95_ms: p95 }
    })
    const calls = buckets.reduce((s, b) => s + b.calls, 0)
    const failures = buckets.reduce((s, b) => s + b.failures, 0)
    const p95s = buckets.filter(b => b.p95_ms !== null).map(b => b.p95_ms).sort((a, b) => a - b)
    return { plugin_id: id, calls, failures, p95_ms: p95s.length ? p95s[Math.ceil(p95s.length * 0.95) - 1] : null, buckets }
  }).filter(p => p.calls > 0)
  const services = [...state.services.entries()].map(([key, s]) => {
    const [plugin_id, service_id] = key.split('/')
    const last = Date.parse(s.last_run ?? new Date(now).toISOString())
    const runs = [{ started: new Date(last).toISOString(), duration_ms: 840, outcome: 'ok' }]
    for (let i = 1; i < 8; i++)
      runs.push({ started: new Date(last - i * 300_000).toISOString(), duration_ms: 600 + i * 90, outcome: i === 3 ? 'error' : i === 5 ? 'skipped' : 'ok' })
    return { plugin_id, service_id, runs }
  })
  return { from: new Date(from).toISOString(), to: new Date(now).toISOString(), bucket_seconds: 60, plugins, services }
}
