/**
 * Model paths and `{{ }}` expressions for plugin JSON.
 * Paths: `enabled`, `model.enabled`, `a.b.c`, `list[0].x`.
 * Expressions run with the config model's keys in scope (and `model` itself), as MoviePilot's UI does.
 */
export type Model = Record<string, any>

export function splitPath(path: string): string[] {
  let p = path.trim()
  if (p.startsWith('model.')) p = p.slice(6)
  return p
    .replace(/\[(\w+)\]/g, '.$1')
    .split('.')
    .map(s => s.trim())
    .filter(Boolean)
}

export function getPath(model: Model | undefined, path: string): any {
  let cur: any = model
  for (const k of splitPath(path)) {
    if (cur == null) return undefined
    cur = cur[k]
  }
  return cur
}

export function setPath(model: Model, path: string, value: unknown): void {
  const keys = splitPath(path)
  if (!keys.length) return
  let cur: any = model
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]
    if (cur[k] == null || typeof cur[k] !== 'object') cur[k] = /^\d+$/.test(keys[i + 1]) ? [] : {}
    cur = cur[k]
  }
  cur[keys[keys.length - 1]] = value
}

const cache = new Map<string, Function>()

function compile(body: string, args: string[]): Function | null {
  const key = args.join(',') + '|' + body
  let fn = cache.get(key)
  if (!fn) {
    try {
      // eslint-disable-next-line no-new-func
      fn = new Function('__scope', ...args, `with (__scope) { ${body} }`)
    } catch {
      return null
    }
    cache.set(key, fn)
  }
  return fn
}

/** A scope where the model's keys are variables, `model` is the model, unknown names are undefined. */
export function scopeOf(model: Model | undefined, extra: Record<string, unknown> = {}): object {
  const m = model ?? {}
  const base: Record<string, unknown> = { ...extra, model: m }
  return new Proxy(base, {
    has(_t, k) {
      // claim every name except globals we want to keep (Math, JSON, ...) so unknown names are undefined
      if (typeof k !== 'string') return false
      if (k in base || k in m) return true
      return !(k in globalThis)
    },
    get(_t, k) {
      if (typeof k !== 'string') return undefined
      if (k in base) return base[k]
      if (k in m) return (m as any)[k]
      return undefined
    },
    set(_t, k, v) {
      if (typeof k !== 'string') return false
      if (k in base && k !== 'model') base[k] = v
      else (m as any)[k] = v
      return true
    },
  })
}

/** Evaluates an expression; errors give undefined (a bad expression never breaks the page). */
export function evalExpr(expr: string, model: Model | undefined, extra: Record<string, unknown> = {}): any {
  const fn = compile(`return (${expr});`, [])
  if (!fn) return undefined
  try {
    return fn(scopeOf(model, extra))
  } catch {
    return undefined
  }
}

/** Runs statements (an `on*` handler written as a string); `$event` / `event` hold the event. */
export function runStatements(code: string, model: Model | undefined, extra: Record<string, unknown> = {}): any {
  const fn = compile(code, [])
  if (!fn) return undefined
  try {
    return fn(scopeOf(model, extra))
  } catch (e) {
    console.warn('plugin handler failed', e)
    return undefined
  }
}

const WHOLE = /^\s*\{\{([\s\S]+?)\}\}\s*$/
const PART = /\{\{([\s\S]+?)\}\}/g

export function hasExpr(v: unknown): boolean {
  return typeof v === 'string' && v.includes('{{') && v.includes('}}')
}

/** `{{ x }}` alone gives the raw value; text with `{{ }}` inside is interpolated. */
export function interpolate(v: string, model: Model | undefined, extra: Record<string, unknown> = {}): any {
  const whole = WHOLE.exec(v)
  if (whole) return evalExpr(whole[1], model, extra)
  return v.replace(PART, (_m, e) => {
    const r = evalExpr(e, model, extra)
    return r == null ? '' : typeof r === 'object' ? JSON.stringify(r) : String(r)
  })
}

/** Deep-resolves `{{ }}` in a prop value (strings inside arrays/objects too). */
export function resolveValue(v: unknown, model: Model | undefined, extra: Record<string, unknown> = {}, depth = 0): any {
  if (depth > 20) return v
  if (typeof v === 'string' && hasExpr(v)) return interpolate(v, model, extra)
  if (Array.isArray(v)) return v.some(x => typeof x === 'object' || hasExpr(x)) ? v.map(x => resolveValue(x, model, extra, depth + 1)) : v
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    let changed = false
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      const r = resolveValue(x, model, extra, depth + 1)
      if (r !== x) changed = true
      out[k] = r
    }
    return changed ? out : v
  }
  return v
}

/**
 * `show` / `v-show` / `v-if` condition: booleans as is; `{{ expr }}` evaluated; a string is a model
 * path (`enabled`, `model.enabled`, `!enabled`) or, failing that, an expression (`mode == 'a'`).
 */
export function evalCondition(cond: unknown, model: Model | undefined): boolean {
  if (cond === undefined || cond === null) return true
  if (typeof cond === 'boolean') return cond
  if (typeof cond === 'number') return cond !== 0
  if (typeof cond !== 'string') return !!cond
  const s = cond.trim()
  if (hasExpr(s)) return !!interpolate(s, model)
  const neg = /^!+/.exec(s)?.[0].length ?? 0
  const body = s.slice(neg)
  if (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[\d+\])*$/.test(body)) {
    const v = body === 'true' ? true : body === 'false' ? false : getPath(model, body)
    return neg % 2 ? !v : !!v
  }
  return !!evalExpr(s, model)
}
