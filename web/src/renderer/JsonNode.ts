/**
 * One node of a plugin's Vuetify JSON, rendered recursively.
 *  - `component`: any Vuetify component by name (lazy), an HTML tag, a MoviePilot alias, else a visible fallback
 *  - `props`: bound as is, `{{ }}` evaluated against the model, `on*` strings become handlers,
 *    `model` / `v-model` two-way bound to a path in the model, `show` / `v-show` / `v-if` conditions
 *  - `content` (children), `text`, `html` (sanitised with DOMPurify), `slots` (named slots)
 *  - `events`: `{click: {api, method, params}}` calls the API and refreshes the page
 */
import { defineComponent, h, inject, ref, onErrorCaptured, type PropType, type VNodeChild, type VNode } from 'vue'
import DOMPurify from 'dompurify'
import type { RenderNode, ApiEvent } from './types'
import { renderContextKey, type RenderContext } from './context'
import { evalCondition, getPath, setPath, resolveValue, interpolate, hasExpr, runStatements } from './expr'
import { isHtmlTag, lookup, normalizeName } from './registry'

const NATIVE_INPUTS = new Set(['input', 'textarea', 'select'])
const RESERVED = new Set(['model', 'v-model', 'vModel', 'show', 'v-show', 'vShow', 'v-if', 'vIf'])

export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, { ADD_ATTR: ['target'] })
}

function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s
}

function handlerName(key: string): string {
  // onclick / on-click / onClick / click → onClick ; keeps `onUpdate:modelValue`
  const rest = key.replace(/^on-?/i, '')
  return 'on' + rest.split('-').map(cap).join('')
}

function asChildren(c: RenderNode['content']): (RenderNode | string)[] {
  if (c === undefined || c === null) return []
  if (Array.isArray(c)) return c
  return [c as RenderNode]
}

function emptyNode(): VNode {
  return h('span', { class: 'json-render-empty', style: 'display:none' })
}

export const JsonNode = defineComponent({
  name: 'JsonNode',
  props: {
    node: { type: [Object, String, Number, Boolean, Array] as PropType<RenderNode | RenderNode[] | string | number | boolean>, required: true },
    depth: { type: Number, default: 0 },
  },
  setup(props) {
    const ctx = inject(renderContextKey, null) ?? ({ model: {}, callApi: async () => {} } as RenderContext)
    const failure = ref<string | null>(null)
    onErrorCaptured(err => {
      failure.value = String((err as Error)?.message ?? err)
      console.warn('plugin component failed to render', err)
      return false
    })

    function child(n: RenderNode | string, i: number): VNodeChild {
      return h(JsonNode, { node: n as RenderNode, depth: props.depth + 1, key: i })
    }

    function renderChildren(node: RenderNode): VNodeChild[] {
      const out: VNodeChild[] = []
      if (node.text !== undefined && node.text !== null && node.text !== '') {
        out.push(typeof node.text === 'string' && hasExpr(node.text) ? String(interpolate(node.text, ctx.model) ?? '') : String(node.text))
      }
      if (typeof node.html === 'string' && node.html) {
        out.push(h('span', { class: 'json-render-html', innerHTML: sanitize(String(interpolate(node.html, ctx.model) ?? '')) }))
      }
      if (typeof node.content === 'string') out.push(hasExpr(node.content) ? String(interpolate(node.content, ctx.model)) : node.content)
      else asChildren(node.content).forEach((c, i) => out.push(child(c, i)))
      return out
    }

    function apiHandler(ev: ApiEvent) {
      return async () => {
        const params = resolveValue(ev.params ?? {}, ctx.model)
        await ctx.callApi({ ...ev, params })
      }
    }

    function build(node: RenderNode): VNodeChild {
      const name = typeof node.component === 'string' && node.component.trim() ? node.component.trim() : 'div'
      const raw: Record<string, unknown> = { ...(node.props && typeof node.props === 'object' ? node.props : {}) }

      // conditions
      const vif = raw['v-if'] ?? raw.vIf ?? node['v-if']
      if (vif !== undefined && !evalCondition(vif, ctx.model)) return emptyNode()
      const vshow = raw.show ?? raw['v-show'] ?? raw.vShow ?? node.show ?? node['v-show']
      const visible = vshow === undefined || evalCondition(vshow, ctx.model)

      const modelPath = (raw.model ?? raw['v-model'] ?? raw.vModel ?? node.model ?? node['v-model']) as unknown
      const bound: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(raw)) {
        if (RESERVED.has(k)) continue
        if (/^on/i.test(k) && k.length > 2 && !/icon$/i.test(k) && (typeof v === 'string' || typeof v === 'function')) {
          const hn = handlerName(k)
          bound[hn] =
            typeof v === 'function'
              ? v
              : (...args: unknown[]) => runStatements(v, ctx.model, { $event: args[0], event: args[0], args })
          continue
        }
        bound[k] = resolveValue(v, ctx.model)
      }

      const native = isHtmlTag(name)
      if (typeof modelPath === 'string' && modelPath.trim()) {
        const path = modelPath.trim()
        const current = getPath(ctx.model, path)
        if (native && NATIVE_INPUTS.has(name)) {
          const type = String(bound.type ?? '')
          if (type === 'checkbox') {
            bound.checked = !!current
            bound.onChange = (e: Event) => setPath(ctx.model, path, (e.target as HTMLInputElement).checked)
          } else {
            bound.value = current ?? ''
            bound.onInput = (e: Event) => setPath(ctx.model, path, (e.target as HTMLInputElement).value)
          }
        } else {
          bound.modelValue = current
          const prev = bound['onUpdate:modelValue']
          bound['onUpdate:modelValue'] = (v: unknown) => {
            setPath(ctx.model, path, v)
            if (typeof prev === 'function') prev(v)
          }
        }
      }

      if (node.events && typeof node.events === 'object') {
        for (const [evName, spec] of Object.entries(node.events)) {
          const hn = handlerName(evName)
          let fn: ((...a: unknown[]) => unknown) | undefined
          if (spec && typeof spec === 'object' && typeof (spec as ApiEvent).api === 'string') {
            fn = apiHandler(spec as ApiEvent)
            bound['data-plugin-api'] = (spec as ApiEvent).api
          } else if (typeof spec === 'string') {
            fn = (...args: unknown[]) => runStatements(spec, ctx.model, { $event: args[0], event: args[0], args })
          }
          if (!fn) continue
          const prev = bound[hn]
          bound[hn] = typeof prev === 'function' ? (...a: unknown[]) => (prev(...a), fn!(...a)) : fn
        }
      }

      if (!visible) bound.style = [bound.style, { display: 'none' }]

      if (native) {
        const kids = renderChildren(node)
        if (typeof node.html === 'string' && node.html && !node.content && node.text == null)
          return h(name, { ...bound, innerHTML: sanitize(String(interpolate(node.html, ctx.model) ?? '')) })
        return h(name, bound, kids)
      }

      const slots: Record<string, () => VNodeChild[]> = {}
      const hasDefault = node.text != null || node.html || (node.content !== undefined && node.content !== null)
      if (hasDefault) slots.default = () => renderChildren(node)
      if (node.slots && typeof node.slots === 'object') {
        for (const [sn, s] of Object.entries(node.slots)) {
          slots[sn] = () =>
            typeof s === 'string' ? [s] : (Array.isArray(s) ? s : [s]).map((c, i) => child(c as RenderNode, i))
        }
      }

      const entry = lookup(name)
      if (entry.state === 'ready') return h(entry.component as any, bound, slots)
      if (entry.state === 'loading') return h('span', { class: 'json-render-loading', 'data-component': normalizeName(name) })
      // unknown or failed: visible fallback, children still shown
      const why = entry.state === 'error' ? `${normalizeName(name)}: ${entry.error}` : normalizeName(name)
      return h(
        'div',
        { class: 'json-render-unknown', 'data-unknown-component': normalizeName(name), style: visible ? undefined : 'display:none' },
        [h('div', { class: 'json-render-unknown__label' }, `⚠ ${why}`), ...renderChildren(node)],
      )
    }

    return () => {
      const n = props.node as unknown
      if (failure.value) {
        const name = n && typeof n === 'object' && !Array.isArray(n) ? (n as RenderNode).component : ''
        return h('div', { class: 'json-render-error', 'data-render-error': String(name ?? '') }, `⚠ ${name ?? ''}: ${failure.value}`)
      }
      if (n === null || n === undefined || n === false) return null
      if (typeof n === 'string' || typeof n === 'number' || n === true) return String(n)
      if (Array.isArray(n)) return n.map((c, i) => child(c as RenderNode, i))
      if (props.depth > 200) return h('div', { class: 'json-render-error' }, 'nesting too deep')
      try {
        return build(n as RenderNode)
      } catch (e) {
        return h('div', { class: 'json-render-error' }, `⚠ ${(n as RenderNode).component ?? ''}: ${(e as Error)?.message ?? e}`)
      }
    }
  },
})
