/** One element of a plugin's Vuetify JSON (MoviePilot's form/page/dashboard format). */
export interface ApiEvent {
  api: string
  method?: string
  params?: Record<string, unknown>
}

export interface RenderNode {
  component?: string
  props?: Record<string, unknown>
  content?: RenderNode[] | RenderNode | string
  text?: string | number | boolean | null
  html?: string
  events?: Record<string, ApiEvent | string>
  slots?: Record<string, RenderNode[] | RenderNode | string>
  /** shorthand forms some plugins put on the node itself */
  model?: string
  'v-model'?: string
  show?: unknown
  'v-show'?: unknown
  'v-if'?: unknown
  [k: string]: unknown
}
