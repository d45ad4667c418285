import type { InjectionKey } from 'vue'
import type { ApiEvent } from './types'
import type { Model } from './expr'

export interface RenderContext {
  /** the config model (forms) or a scratch model (pages/dashboards); mutated by v-model bindings */
  model: Model
  pluginId?: string
  /** calls a plugin/host API for an `events.*` entry, then refreshes the page */
  callApi: (ev: ApiEvent) => Promise<void>
}

export const renderContextKey: InjectionKey<RenderContext> = Symbol('plugin-render-context')
