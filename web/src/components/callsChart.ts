import type { CallBucket } from '../api/stats'

/** Geometry of CallsChart: one bar per minute (calls, failures stacked at its foot) on the left scale and the p95
 * latency as a line on the right scale, in a fixed viewBox the SVG scales to its width. Pure, so it is unit-tested. */
export const VIEW = { width: 600, height: 150, left: 44, right: 52, top: 10, bottom: 24 }

export interface Bar {
  x: number
  width: number
  callsY: number
  callsHeight: number
  failuresY: number
  failuresHeight: number
  bucket: CallBucket
}

export interface ChartGeometry {
  bars: Bar[]
  /** polylines of p95 (a minute without calls breaks the line) */
  lines: string[]
  /** the p95 points themselves (a lone minute has no line to show it) */
  dots: { x: number; y: number }[]
  maxCalls: number
  maxP95: number
  plot: { x0: number; x1: number; y0: number; y1: number }
}

/** A round upper bound for an axis: 1, 2, 5 × 10^n at or above v. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1
  const p = Math.pow(10, Math.floor(Math.log10(v)))
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p
  return 10 * p
}

export function chartGeometry(buckets: CallBucket[]): ChartGeometry {
  const x0 = VIEW.left
  const x1 = VIEW.width - VIEW.right
  const y0 = VIEW.height - VIEW.bottom
  const y1 = VIEW.top
  const maxCalls = niceMax(Math.max(0, ...buckets.map(b => b.calls)))
  const maxP95 = niceMax(Math.max(0, ...buckets.map(b => b.p95_ms ?? 0)))
  const step = buckets.length ? (x1 - x0) / buckets.length : 0
  const barWidth = Math.max(1, step * 0.7)
  const yOf = (v: number, max: number) => y0 - ((y0 - y1) * v) / max
  const bars: Bar[] = buckets.map((b, i) => {
    const x = x0 + i * step + (step - barWidth) / 2
    const callsY = yOf(b.calls, maxCalls)
    const failuresY = yOf(b.failures, maxCalls)
    return { x, width: barWidth, callsY, callsHeight: y0 - callsY, failuresY, failuresHeight: y0 - failuresY, bucket: b }
  })
  const lines: string[] = []
  const dots: { x: number; y: number }[] = []
  let current: string[] = []
  buckets.forEach((b, i) => {
    if (b.p95_ms === null || b.calls === 0) {
      if (current.length) lines.push(current.join(' '))
      current = []
      return
    }
    const x = round(x0 + i * step + step / 2)
    const y = round(yOf(b.p95_ms, maxP95))
    dots.push({ x, y })
    current.push(`${x},${y}`)
  })
  if (current.length) lines.push(current.join(' '))
  return { bars, lines, dots, maxCalls, maxP95, plot: { x0, x1, y0, y1 } }
}

/** "12 ms", "1.5 s", "0.4 ms" */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—'
  if (ms >= 1000) return `${+(ms / 1000).toFixed(ms >= 10000 ? 0 : 1)} s`
  return `${+ms.toFixed(ms >= 10 ? 0 : 1)} ms`
}

function round(v: number) {
  return Math.round(v * 10) / 10
}
