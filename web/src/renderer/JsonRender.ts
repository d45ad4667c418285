/**
 * Root of a plugin's JSON UI (form, page or dashboard). Provides the model and the API caller to
 * every node; after an `events` API call it emits `refresh` (the owner reloads the JSON), as the
 * seed's section 7 says ("每次API调用完成后，均会自动刷新一次插件数据页").
 */
import { defineComponent, h, provide, reactive, type PropType } from 'vue'
import { JsonNode } from './JsonNode'
import { renderContextKey, type RenderContext } from './context'
import type { RenderNode, ApiEvent } from './types'
import type { Model } from './expr'
import { callPluginApi } from '../api'
import { toastError, toastOk, withBusy } from '../stores/ui'

export const JsonRender = defineComponent({
  name: 'JsonRender',
  props: {
    nodes: { type: [Array, Object] as PropType<RenderNode[] | RenderNode>, default: () => [] },
    model: { type: Object as PropType<Model>, default: undefined },
    pluginId: { type: String, default: undefined },
    /** replaces the default API caller (tests) */
    caller: { type: Function as PropType<(ev: ApiEvent) => Promise<unknown>>, default: undefined },
  },
  emits: ['refresh', 'api-result', 'api-error'],
  setup(props, { emit }) {
    const scratch = reactive<Model>({})
    const ctx: RenderContext = {
      get model() {
        return props.model ?? scratch
      },
      pluginId: props.pluginId,
      async callApi(ev: ApiEvent) {
        try {
          const r = await withBusy(() => (props.caller ?? ((e: ApiEvent) => callPluginApi(e.api, e.method, e.params)))(ev))
          emit('api-result', r)
          const msg = r && typeof r === 'object' && typeof (r as { message?: unknown }).message === 'string' ? (r as { message: string }).message : ''
          if (msg) toastOk(msg)
        } catch (e) {
          emit('api-error', e)
          toastError((e as Error)?.message ?? String(e))
        } finally {
          emit('refresh')
        }
      },
    }
    provide(renderContextKey, ctx)
    return () => {
      const list = Array.isArray(props.nodes) ? props.nodes : props.nodes ? [props.nodes] : []
      return h('div', { class: 'json-render' }, list.map((n, i) => h(JsonNode, { node: n, key: i })))
    }
  },
})

export default JsonRender
