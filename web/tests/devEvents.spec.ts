import { describe, it, expect, vi, afterEach } from 'vitest'
import { parseSse, onDevEvent, swappedPlugin, startDevEvents, type DevEvent } from '../src/api/devEvents'
import { setSession, clearSession } from '../src/stores/session'

afterEach(() => {
  vi.unstubAllGlobals()
  clearSession()
})

const status = (ids: string[]) => ({
  project: '/p/HelloPlugin.csproj',
  package_id: 'HelloPlugin',
  running_version: '1.0.0-dev.2',
  process_id: 42,
  state: 'running',
  last: { succeeded: true, version: '1.0.0-dev.2', plugin_ids: ids, errors: 0, warnings: 0, diagnostics: [], build_seconds: 1.5, total_seconds: 2 },
})

describe('dev mode events', () => {
  it('splits a server-sent events stream into messages and keeps an incomplete one', () => {
    const { messages, rest } = parseSse('event: status\ndata: {"a":1}\n\n: comment\n\nevent: swapped\r\ndata: {"b":\r\ndata: 2}\r\n\r\nevent: fail')
    expect(messages).toEqual([
      { event: 'status', data: '{"a":1}' },
      { event: 'swapped', data: '{"b":\n2}' },
    ])
    expect(rest).toBe('event: fail')
  })

  it('tells a swap of one plugin from others', () => {
    const e: DevEvent = { type: 'swapped', status: status(['HelloPlugin']) }
    expect(swappedPlugin(e)).toBe(true)
    expect(swappedPlugin(e, 'HelloPlugin')).toBe(true)
    expect(swappedPlugin(e, 'Other')).toBe(false)
    expect(swappedPlugin({ ...e, type: 'failed' }, 'HelloPlugin')).toBe(false)
  })

  it('streams the host events with the login token to the listeners', async () => {
    const calls: [string, RequestInit][] = []
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        const enc = new TextEncoder()
        c.enqueue(enc.encode(`event: status\ndata: ${JSON.stringify(status(['HelloPlugin']))}\n\nevent: swa`))
        c.enqueue(enc.encode(`pped\ndata: ${JSON.stringify(status(['HelloPlugin']))}\n\n`))
      },
    })
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      calls.push([url, init])
      return Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }))
    })
    const seen: string[] = []
    const stop = onDevEvent(e => seen.push(e.type))
    setSession('tok', 'admin')
    startDevEvents()
    await vi.waitFor(() => expect(seen).toEqual(['status', 'swapped']))
    stop()
    expect(calls[0][0]).toMatch(/\/api\/v1\/dev\/events$/)
    expect((calls[0][1].headers as Record<string, string>).Authorization).toBe('Bearer tok')
  })
})
