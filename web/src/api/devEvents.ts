import { watch } from 'vue'
import { session } from '../stores/session'
import { apiUrl } from './http'

/**
 * Dev mode (`plugin-host dev <project>`): the host streams server-sent events at `api/v1/dev/events` when a plugin
 * project was rebuilt — `swapped` (a new build runs: reload the plugin's views), `failed` (the old build still runs),
 * `building`, and `status` on connect. A host not in dev mode answers 404 and the UI stops asking.
 * `fetch` rather than EventSource: the stream needs the Bearer token header.
 */
export interface DevBuildReport {
  succeeded: boolean
  version: string
  plugin_ids: string[]
  errors: number
  warnings: number
  diagnostics: string[]
  build_seconds: number
  swap_seconds?: number | null
  total_seconds: number
  error?: string | null
}

export interface DevStatus {
  project: string
  package_id?: string | null
  running_version?: string | null
  process_id: number
  state: string
  last?: DevBuildReport | null
}

export interface DevEvent {
  type: string
  status: DevStatus
}

export interface SseMessage {
  event: string
  data: string
}

/** Splits a server-sent events stream: returns the complete messages of `buffer` and what is left of it. */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = []
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n')
  const rest = blocks.pop() ?? ''
  for (const block of blocks) {
    let event = 'message'
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
    }
    if (data.length) messages.push({ event, data: data.join('\n') })
  }
  return { messages, rest }
}

const listeners = new Set<(e: DevEvent) => void>()

/** Calls `fn` for each dev event; returns the function that stops it (call it on unmount). */
export function onDevEvent(fn: (e: DevEvent) => void): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

/** Whether a `swapped` event concerns `pluginId` (or any plugin when none is given). */
export function swappedPlugin(e: DevEvent, pluginId?: string): boolean {
  return e.type === 'swapped' && (!pluginId || (e.status.last?.plugin_ids ?? []).includes(pluginId))
}

function dispatch(e: DevEvent) {
  for (const fn of [...listeners]) {
    try {
      fn(e)
    } catch (err) {
      console.error(err)
    }
  }
}

/** One connection; resolves when it ends: 'gone' (not in dev mode), 'unauthorized', or 'closed' (reconnect). */
async function connect(signal: AbortSignal): Promise<'gone' | 'unauthorized' | 'closed'> {
  const res = await fetch(apiUrl('dev/events'), {
    headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.token}` },
    signal,
  })
  if (res.status === 404) return 'gone'
  if (res.status === 401 || res.status === 403) return 'unauthorized'
  if (!res.ok || !res.body) return 'closed'
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return 'closed'
    const parsed = parseSse(buffer + value)
    buffer = parsed.rest
    for (const m of parsed.messages) {
      try {
        dispatch({ type: m.event, status: JSON.parse(m.data) as DevStatus })
      } catch {
        /* not JSON: not ours */
      }
    }
  }
}

let started = false

/** Listens while logged in; reconnects after a dropped connection (the host restarted), gives up on a non-dev host. */
export function startDevEvents() {
  if (started || typeof fetch === 'undefined') return
  started = true
  let controller: AbortController | null = null
  const run = async (token: string) => {
    controller?.abort()
    if (!token) return
    const mine = new AbortController()
    controller = mine
    for (let attempt = 0; !mine.signal.aborted; attempt++) {
      let outcome: string
      try {
        outcome = await connect(mine.signal)
      } catch {
        outcome = 'closed'
      }
      if (outcome !== 'closed' || mine.signal.aborted) return
      await new Promise(r => setTimeout(r, Math.min(10_000, 1000 * (attempt + 1))))
    }
  }
  watch(() => session.token, t => void run(t), { immediate: true })
}
