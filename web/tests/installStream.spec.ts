import { describe, it, expect, vi, afterEach } from 'vitest'
import { setSession } from '../src/stores/session'
import { installWithProgress, parseSse, InstallError, type InstallStepEvent } from '../src/api/installStream'
import { applyStep, type InstallRow } from '../src/stores/installs'

afterEach(() => vi.unstubAllGlobals())

/** A text/event-stream answer delivered in the given chunks (split anywhere, as a network does). */
function stream(chunks: string[], status = 200) {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk))
      c.close()
    },
  })
  return Promise.resolve(new Response(body, { status, headers: { 'Content-Type': 'text/event-stream' } }))
}

const step = (s: string, state: string, extra: Record<string, unknown> = {}) =>
  `event: step\ndata: ${JSON.stringify({ step: s, state, message: `${s} ${state}`, ...extra })}\n\n`

describe('install stream', () => {
  it('parses events split across chunks and keeps the unfinished rest', () => {
    const { events, rest } = parseSse('event: step\ndata: {"step":"resolve"}\n\nevent: res')
    expect(events).toEqual([{ name: 'step', data: { step: 'resolve' } }])
    expect(rest).toBe('event: res')
  })

  it('reports every step in order as it arrives and resolves with the install answer', async () => {
    setSession('tok', 'admin')
    let url = ''
    let headers: Record<string, string> = {}
    const text = step('resolve', 'started') + step('resolve', 'done') + step('download', 'started', { package: 'A 1.0.0' }) +
      step('download', 'done', { package: 'A 1.0.0', bytes: 2048 }) + step('load', 'started') + step('load', 'done') +
      'event: result\ndata: {"success":true,"message":"Plugin A 1.0.0 installed.","data":[]}\n\n'
    vi.stubGlobal('fetch', (u: string, init: RequestInit) => {
      url = u
      headers = init.headers as Record<string, string>
      return stream([text.slice(0, 37), text.slice(37, 200), text.slice(200)])
    })
    const seen: InstallStepEvent[] = []
    const r = await installWithProgress('A', '1.0.0', e => seen.push(e))
    expect(url).toMatch(/\/api\/v1\/plugin\/install\/A\/stream\?version=1\.0\.0$/)
    expect(headers.Authorization).toBe('Bearer tok')
    expect(seen.map(e => `${e.step}:${e.state}`)).toEqual(['resolve:started', 'resolve:done', 'download:started', 'download:done', 'load:started', 'load:done'])
    expect(r.message).toBe('Plugin A 1.0.0 installed.')

    const rows: InstallRow[] = []
    seen.forEach(e => applyStep(rows, e))
    expect(rows.map(r => `${r.step}:${r.state}`)).toEqual(['resolve:done', 'download:done', 'load:done'])
    expect(rows[1].bytes).toBe(2048)
  })

  it('fails with the step that failed and the host message', async () => {
    vi.stubGlobal('fetch', () =>
      stream([step('resolve', 'done'), step('verify', 'started'), `event: step\ndata: {"step":"verify","state":"failed","message":"bad hash"}\n\n`,
        'event: result\ndata: {"success":false,"message":"bad hash","data":{"status":"Malfunctioned"},"status":502}\n\n']))
    const e = await installWithProgress('A', undefined, () => {}).catch(x => x)
    expect(e).toBeInstanceOf(InstallError)
    expect(e.step).toBe('verify')
    expect(e.message).toBe('bad hash')
    expect(e.status).toBe(502)
  })

  it('refusals before the stream carry the host message; a host without the stream gets the plain install', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{"success":false,"message":"level 3"}', { status: 403, headers: { 'Content-Type': 'application/json' } })))
    await expect(installWithProgress('A', undefined, () => {})).rejects.toThrow('level 3')
    const urls: string[] = []
    vi.stubGlobal('fetch', (u: string) => {
      urls.push(u)
      return urls.length === 1
        ? Promise.resolve(new Response('', { status: 404 }))
        : Promise.resolve(new Response('{"success":true,"message":"ok","data":[]}', { status: 200, headers: { 'Content-Type': 'application/json' } }))
    })
    expect((await installWithProgress('A', undefined, () => {})).message).toBe('ok')
    expect(urls[1]).toMatch(/\/api\/v1\/plugin\/install\/A$/)
  })
})
