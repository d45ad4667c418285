import { ApiError, apiUrl, checkEnvelope, type Envelope } from './http'
import { session, expireSession } from '../stores/session'
import { installPlugin } from './index'

/** The steps of an install, in the order the host runs them. */
export const INSTALL_STEPS = ['resolve', 'download', 'verify', 'extract', 'check', 'commit', 'load'] as const
export type InstallStepName = (typeof INSTALL_STEPS)[number]

/** One step of a streamed install (`event: step`). @schema InstallStepEvent */
export interface InstallStepEvent {
  /** one of {@link INSTALL_STEPS} */
  step: string
  /** started, done or failed (then `message` is the error) */
  state: string
  message: string
  /** per-package steps (download, verify): "Id 1.0.0", its place in the plan and, once downloaded, its size */
  package?: string | null
  index?: number | null
  count?: number | null
  bytes?: number | null
}

/** The install failed: `step` is the step that broke (null when the host refused before any step). */
export class InstallError extends ApiError {
  constructor(
    message: string,
    public step: string | null,
    status = 0,
    body: unknown = undefined,
  ) {
    super(message, status, body)
    this.name = 'InstallError'
  }
}

/** Splits a text/event-stream into events (name + JSON data); a block without data is skipped. */
export function parseSse(buffer: string): { events: { name: string; data: unknown }[]; rest: string } {
  const events: { name: string; data: unknown }[] = []
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n')
  const rest = blocks.pop() ?? ''
  for (const block of blocks) {
    let name = 'message'
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim()
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
    }
    if (!data.length) continue
    try {
      events.push({ name, data: JSON.parse(data.join('\n')) })
    } catch {
      events.push({ name, data: data.join('\n') })
    }
  }
  return { events, rest }
}

/**
 * Installs or updates through `GET plugin/install/{id}/stream`: calls `onStep` for each step as the host reports it,
 * resolves with the install's envelope, throws an {@link InstallError} naming the failed step. A host without the
 * stream (404) gets the plain install call, with no steps.
 */
export async function installWithProgress(id: string, version: string | undefined, onStep: (e: InstallStepEvent) => void): Promise<Envelope> {
  const headers: Record<string, string> = { Accept: 'text/event-stream' }
  if (session.token) headers.Authorization = `Bearer ${session.token}`
  let res: Response
  try {
    res = await fetch(apiUrl(`plugin/install/${encodeURIComponent(id)}/stream`, { version }), { headers })
  } catch (e) {
    throw new ApiError(`Network error: ${(e as Error)?.message ?? e}`)
  }
  if (res.status === 404 || res.status === 405) return installPlugin(id, version)
  if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    if (res.status === 401) expireSession()
    // a refusal before the stream (bad id or version, a level above the host's): the host's JSON message
    let body: unknown
    try {
      body = await res.json()
    } catch {
      body = undefined
    }
    const message = (body as { message?: string } | undefined)?.message || `HTTP ${res.status} ${res.statusText}`
    throw new InstallError(message, null, res.status, body)
  }

  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  let failedStep: string | null = null
  let result: unknown
  for (;;) {
    const { value, done } = await reader.read()
    if (value) buffer += value
    const parsed = parseSse(done ? buffer + '\n\n' : buffer)
    buffer = parsed.rest
    for (const ev of parsed.events) {
      if (ev.name === 'step') {
        const step = ev.data as InstallStepEvent
        if (step.state === 'failed') failedStep = step.step
        onStep(step)
      } else if (ev.name === 'result') result = ev.data
    }
    if (done) break
  }
  if (result === undefined) throw new InstallError('The install stream ended without an answer', failedStep)
  const r = result as Envelope & { status?: number }
  if (!r.success) throw new InstallError(r.message || 'Failed', failedStep, r.status ?? 200, r)
  return checkEnvelope(r)
}
