import { describe, it, expect } from 'vitest'
import { chartGeometry, formatMs, niceMax, VIEW } from '../src/components/callsChart'
import type { CallBucket } from '../src/api/stats'

const minute = (i: number, calls: number, failures: number, p95: number | null): CallBucket => ({
  start: new Date(Date.UTC(2026, 11, 3, 9, i)).toISOString(),
  calls,
  failures,
  p95_ms: p95,
})

describe('calls chart geometry', () => {
  it('rounds axis maxima up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 180, 0.4].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 0.5])
  })

  it('draws one bar per minute, failures inside their calls, on a shared scale', () => {
    const g = chartGeometry([minute(0, 10, 0, 5), minute(1, 5, 5, 8), minute(2, 0, 0, null)])
    expect(g.maxCalls).toBe(10)
    expect(g.bars).toHaveLength(3)
    const [full, failing, empty] = g.bars
    expect(full.callsHeight).toBeCloseTo(g.plot.y0 - g.plot.y1)
    expect(failing.callsHeight).toBeCloseTo(full.callsHeight / 2)
    expect(failing.failuresHeight).toBeCloseTo(failing.callsHeight)
    expect(empty.callsHeight).toBe(0)
    expect(full.x).toBeGreaterThanOrEqual(VIEW.left)
    expect(empty.x + empty.width).toBeLessThanOrEqual(VIEW.width - VIEW.right)
  })

  it('breaks the p95 line at minutes without calls and keeps a dot for a lone minute', () => {
    const g = chartGeometry([minute(0, 1, 0, 4), minute(1, 2, 0, 10), minute(2, 0, 0, null), minute(3, 1, 1, 2)])
    expect(g.maxP95).toBe(10)
    expect(g.lines).toHaveLength(2)
    expect(g.lines[0].split(' ')).toHaveLength(2)
    expect(g.dots).toHaveLength(3)
    // the highest p95 touches the top of the plot
    expect(g.dots[1].y).toBeCloseTo(g.plot.y1, 0)
  })

  it('formats latencies for people', () => {
    expect([null, 0.42, 12.4, 1500, 25000].map(formatMs)).toEqual(['—', '0.4 ms', '12 ms', '1.5 s', '25 s'])
  })
})
