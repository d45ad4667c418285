import { session, expireSession } from '../stores/session'

/** All REST calls go through here: base `api/v1/` relative to the page, Bearer token, 401 → log out. */
export const API_BASE = 'api/v1/'

export class ApiError extends Error {
  constructor(
    message: string,
    public status = 0,
    public body: unknown = undefined,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  method?: string
  query?: Query
  json?: unknown
  form?: Record<string, string>
  signal?: AbortSignal
  /** Don't log out on 401 (the login call itself). */
  noAuthRedirect?: boolean
}

export function apiUrl(path: string, query?: Query): string {
  const clean = path.replace(/^\/+/, '').replace(/^api\/v1\//, '')
  const url = new URL(API_BASE + clean, document.baseURI)
  if (query)
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) url.searchParams.append(k, String(v))
  return url.toString()
}

function messageOf(body: unknown, fallback: string): string {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>
    if (typeof b.message === 'string' && b.message) return b.message
    if (typeof b.detail === 'string' && b.detail) return b.detail
    if (Array.isArray(b.detail))
      return b.detail.map(d => (d && typeof d === 'object' && 'msg' in d ? String((d as { msg: unknown }).msg) : String(d))).join('; ')
    if (typeof b.title === 'string' && b.title) return b.title
    if (typeof b.error === 'string' && b.error) return b.error
  }
  if (typeof body === 'string' && body && body.length < 300) return body
  return fallback
}

export async function request<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (session.token) headers.Authorization = `Bearer ${session.token}`
  let body: BodyInit | undefined
  if (opts.form) {
    body = new URLSearchParams(opts.form)
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
  } else if (opts.json !== undefined) {
    body = JSON.stringify(opts.json)
    headers['Content-Type'] = 'application/json'
  }
  let res: Response
  try {
    res = await fetch(apiUrl(path, opts.query), { method: opts.method ?? 'GET', headers, body, signal: opts.signal })
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e
    throw new ApiError(`Network error: ${(e as Error)?.message ?? e}`)
  }
  const text = await res.text()
  let parsed: unknown = text
  if (text) {
    try {
      parsed = JSON.parse(text)
    } catch {
      /* not JSON: keep the text */
    }
  } else parsed = undefined
  if (res.status === 401 && !opts.noAuthRedirect) {
    expireSession()
    throw new ApiError(messageOf(parsed, 'Unauthorized'), 401, parsed)
  }
  if (!res.ok) throw new ApiError(messageOf(parsed, `HTTP ${res.status} ${res.statusText}`), res.status, parsed)
  return parsed as T
}

export interface Envelope<T = unknown> {
  success: boolean
  message?: string | null
  data?: T
}

export function isEnvelope(x: unknown): x is Envelope {
  return !!x && typeof x === 'object' && !Array.isArray(x) && typeof (x as Envelope).success === 'boolean'
}

/** MoviePilot's `{success,message,data}`: throws the host's message when success is false, else returns it. */
export function checkEnvelope<T = unknown>(x: unknown): Envelope<T> {
  if (isEnvelope(x)) {
    if (!x.success) throw new ApiError(x.message || 'Failed', 200, x)
    return x as Envelope<T>
  }
  return { success: true, data: x as T }
}

/** Returns `data` of an envelope, or the value itself when the host sent no envelope. */
export function dataOf<T>(x: unknown): T {
  if (isEnvelope(x)) {
    checkEnvelope(x)
    return x.data as T
  }
  return x as T
}
