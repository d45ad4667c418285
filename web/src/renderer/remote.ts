/**
 * Render mode `vue`: a plugin ships its own compiled component.
 *
 * Contract (documented in web/README.md):
 *  - the host serves the plugin's module at `GET api/v1/plugin/remotes/{id}` as JavaScript (an ES module,
 *    self-contained: no bare imports; it gets Vue from the host instead of bundling its own copy);
 *  - the module exports `Page`, `Config` and/or `Dashboard` (or `default` for all), each a Vue component
 *    object, or a factory `(sdk) => component` where `sdk = { vue, api, pluginId }`;
 *  - `globalThis.PluginHostSdk` holds the same `{ vue, api }` before the module runs;
 *  - the component receives props `pluginId`, `model` (Config: the config model; Dashboard: the
 *    dashboard object) and `api` (`get(path, params)`, `post(path, body)`), and may emit
 *    `save` (with the model), `close` and `refresh`.
 */
import * as Vue from 'vue'
import { markRaw, type Component } from 'vue'
import { fetchRemoteModule, callPluginApi } from '../api'

export type RemoteKind = 'Page' | 'Config' | 'Dashboard'

export const remoteApi = {
  get: (path: string, params?: Record<string, unknown>) => callPluginApi(path, 'get', params),
  post: (path: string, body?: Record<string, unknown>) => callPluginApi(path, 'post', body),
}

const modules = new Map<string, Promise<Record<string, unknown>>>()

async function importModule(id: string): Promise<Record<string, unknown>> {
  ;(globalThis as any).PluginHostSdk = { vue: Vue, api: remoteApi }
  const code = await fetchRemoteModule(id)
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }))
  try {
    return (await import(/* @vite-ignore */ url)) as Record<string, unknown>
  } finally {
    URL.revokeObjectURL(url)
  }
}

export async function loadRemoteComponent(id: string, kind: RemoteKind): Promise<Component> {
  let p = modules.get(id)
  if (!p) {
    p = importModule(id)
    modules.set(id, p)
    p.catch(() => modules.delete(id))
  }
  const mod = await p
  let c = (mod[kind] ?? mod.default) as unknown
  if (!c) throw new Error(`plugin ${id} exports no ${kind} component`)
  if (typeof c === 'function' && !(c as any).setup && !(c as any).render && (c as Function).length <= 1) {
    // factory (sdk) => component ; a functional component would take (props, ctx) — length 2
    const made = (c as (sdk: unknown) => unknown)({ vue: Vue, api: remoteApi, pluginId: id })
    if (made) c = made
  }
  return markRaw(c as Component)
}

/** Forget a cached module (after the plugin is reloaded or updated). */
export function forgetRemote(id: string) {
  modules.delete(id)
}
