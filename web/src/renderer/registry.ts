/**
 * Component resolution for plugin JSON. Every Vuetify 3 component (and labs component) is reachable
 * by name through `virtual:vuetify-catalog`, loaded lazily on first use (one chunk per Vuetify folder).
 * MoviePilot's own custom components that plugins use get small stand-ins (aliases); anything else is
 * "unknown" and the renderer shows a visible fallback.
 */
import { reactive, markRaw, defineAsyncComponent, type Component } from 'vue'
import { catalog } from 'virtual:vuetify-catalog'
import { aliases } from './aliases'

type Entry = { state: 'loading' } | { state: 'ready'; component: Component } | { state: 'unknown' } | { state: 'error'; error: string }

const entries = reactive<Record<string, Entry>>({})
const pending = new Map<string, Promise<Entry>>()

/** `v-btn`, `VBtn`, `vBtn`, `v-data-table` → `VBtn` / `VDataTable`. */
export function normalizeName(name: string): string {
  const n = name.trim()
  if (n.includes('-')) return n.split('-').filter(Boolean).map(p => p[0].toUpperCase() + p.slice(1)).join('')
  return n[0].toUpperCase() + n.slice(1)
}

const HTML_TAGS = new Set(
  (
    'a,abbr,address,article,aside,audio,b,bdi,bdo,blockquote,br,button,caption,cite,code,col,colgroup,data,dd,del,details,' +
    'dfn,div,dl,dt,em,fieldset,figcaption,figure,footer,form,h1,h2,h3,h4,h5,h6,header,hr,i,img,input,ins,kbd,label,legend,' +
    'li,main,mark,nav,ol,optgroup,option,output,p,picture,pre,progress,q,s,samp,section,select,small,source,span,strong,' +
    'sub,summary,sup,table,tbody,td,textarea,tfoot,th,thead,time,tr,u,ul,var,video,template,svg,path,circle,rect,g,line,polyline,polygon,text'
  ).split(','),
)

export function isHtmlTag(name: string): boolean {
  return HTML_TAGS.has(name.trim())
}

function keyOf(name: string): string {
  const n = normalizeName(name)
  return aliases[n] ? n : catalog[n] ? n : aliases[n.toLowerCase()] ? n.toLowerCase() : n
}

export function isKnownComponent(name: string): boolean {
  const n = keyOf(name)
  return !!(aliases[n] || catalog[n])
}

/** Current state (reactive: a render that reads it re-runs when the load finishes). */
export function lookup(name: string): Entry {
  const k = keyOf(name)
  const e = entries[k]
  if (e) return e
  void load(name)
  return entries[k] ?? { state: 'loading' }
}

export function load(name: string): Promise<Entry> {
  const k = keyOf(name)
  const done = entries[k]
  if (done && done.state !== 'loading') return Promise.resolve(done)
  let p = pending.get(k)
  if (p) return p
  const loader = aliases[k] ?? catalog[k]
  if (!loader) {
    entries[k] = { state: 'unknown' }
    return Promise.resolve(entries[k])
  }
  entries[k] = { state: 'loading' }
  p = loader()
    .then(c => {
      const e: Entry = c ? { state: 'ready', component: markRaw(c) } : { state: 'unknown' }
      entries[k] = e
      return e
    })
    .catch(err => {
      const e: Entry = { state: 'error', error: String(err?.message ?? err) }
      entries[k] = e
      return e
    })
    .finally(() => pending.delete(k))
  pending.set(k, p)
  return p
}

/** Loads every component a JSON tree names, so a page can show complete at once. */
export async function preload(nodes: unknown): Promise<void> {
  const names = new Set<string>()
  const walk = (n: unknown, depth: number) => {
    if (depth > 64 || !n) return
    if (Array.isArray(n)) return n.forEach(x => walk(x, depth + 1))
    if (typeof n !== 'object') return
    const o = n as Record<string, unknown>
    if (typeof o.component === 'string' && o.component && !isHtmlTag(o.component)) names.add(o.component)
    walk(o.content, depth + 1)
    if (o.slots && typeof o.slots === 'object') Object.values(o.slots).forEach(s => walk(s, depth + 1))
  }
  walk(nodes, 0)
  await Promise.all([...names].map(n => load(n)))
}

export { defineAsyncComponent }
