/**
 * The host's REST contract (MoviePilot's paths, base api/v1). Every call the UI makes is here,
 * typed, so a difference in the real host is fixed in one place.
 */
import { request, dataOf, checkEnvelope, apiUrl, ApiError, type Envelope } from './http'
import type { RenderNode } from '../renderer/types'

export { ApiError, apiUrl }

// ---------- types ----------
// An interface whose doc comment says `@schema Name` is the wire shape of the host's OpenAPI schema Name: the host's
// tests (tests/Plugin.Host.Tests/OpenApiContractTests) check its property names and optionality against the live
// document, so a field added, renamed or dropped on either side fails there with the difference.

/** A plugin of the market or installed list (GET plugin/). @schema PluginListItem */
export interface Plugin {
  id: string
  plugin_name: string
  plugin_desc?: string
  plugin_icon?: string
  plugin_version?: string
  plugin_label?: string | string[]
  plugin_author?: string
  author_url?: string
  plugin_order?: number
  auth_level?: number
  installed?: boolean
  state?: boolean
  has_page?: boolean
  has_update?: boolean
  is_local?: boolean
  repo_url?: string
  install_count?: number
  /** version → release note (MoviePilot's shape); a list of {version, note} is accepted too. */
  history?: Record<string, string> | { version: string; note?: string; notes?: string }[] | null
  add_time?: number | string
  status?: string
  error?: string
  /** The NuGet package carrying the plugin (a package may carry several plugins, under other ids). */
  package_id?: string
  /** process, filesystem, sockets, reflection-emit, native: declared (market) or found (installed). */
  capabilities?: string[]
  /** install warnings of the trust checks (capabilities used but not declared) */
  trust_warnings?: string[]
  /** who signed the package; `verified` once the host checked it at install */
  signer?: { subject: string; fingerprint: string; type: string; trusted_root: boolean; verified: boolean } | null
  /** each host's state of the plugin when several hosts share one database (cluster); absent or null on a single host */
  hosts?: HostPluginState[] | null
  /** the online hosts do not all run one version of the plugin (a host lacking it counts) */
  version_skew?: boolean | null
  /** where the installed plugin runs: in the host's process or in a worker process (null for market items) */
  isolation?: IsolationMode | null
}

/** One host's state of a plugin in a cluster (Plugin.hosts). @schema HostPluginState */
export interface HostPluginState {
  node: string
  version?: string | null
  status: string
  error?: string | null
  heartbeat: string
  online: boolean
}

/** Where a plugin runs: in the host's own process, or in a worker process of its own. */
export type IsolationMode = 'InProcess' | 'Process'

/** A plugin's isolation (GET|PUT plugin/isolation/{id}). @schema PluginIsolationData */
export interface PluginIsolation {
  /** the admin's choice; null follows the host's default */
  mode: IsolationMode | null
  /** where the plugin's package runs once the choice and the default are applied */
  effective: IsolationMode
  /** Host:Plugins:Isolation */
  default: IsolationMode
  status: string
}

export type PluginState = 'market' | 'installed' | 'all'

export type ConfigModel = Record<string, unknown>

export interface PluginForm {
  render_mode?: string
  conf: RenderNode[]
  model: ConfigModel
}

export interface PluginPage {
  render_mode?: string
  page: RenderNode[]
}

/** @schema DashboardMetaItem */
export interface DashboardMeta {
  id: string
  key: string
  name: string
}

export interface DashboardAttrs {
  refresh?: number
  border?: boolean
  title?: string
  subtitle?: string
}

export interface Dashboard {
  id: string
  name: string
  key: string
  render_mode?: string
  attrs?: DashboardAttrs
  cols?: { cols?: number; sm?: number; md?: number; lg?: number; xl?: number; xxl?: number }
  elements?: RenderNode[]
}

/** A scheduled service (GET plugin/services). @schema PluginServiceItem */
export interface PluginService {
  id: string
  plugin_id: string
  plugin_name?: string
  name: string
  trigger?: string
  next_run?: string | null
  last_run?: string | null
  last_result?: string | null
  running?: boolean
  runs?: number
  /** runs skipped because the previous one was still running */
  skipped?: number
  /** why the service cannot be scheduled (e.g. a bad cron expression) */
  problem?: string | null
  /** 'declared' ([Service]) or 'runtime' (a job the plugin scheduled while running) */
  kind?: 'declared' | 'runtime'
  /** the host's IANA time zone: crontabs are read in it, the times above carry its offset */
  time_zone?: string
}

/** @schema WorkflowPluginActions */
export interface WorkflowPluginActions {
  plugin_id: string
  plugin_name: string
  actions: WorkflowAction[]
}

/** @schema WorkflowActionItem */
export interface WorkflowAction {
  id: string
  name: string
  description?: string | null
}

/** A plugin that ships its own compiled Vue module (GET plugin/remotes). @schema PluginRemoteItem */
export interface PluginRemote {
  id: string
  name: string
  render_mode: string
  url: string
}

/** The data of a config save or reset. @schema PluginStatusData */
export interface PluginStatus {
  status: string
}

export interface ReplyButton {
  text: string
  callback_data?: string
  url?: string
}
export interface Reply {
  title?: string
  text?: string
  image?: string
  link?: string
  buttons?: ReplyButton[][]
}

/** A variable a music source asks for (its manifest's userVariables). @schema UserVariable */
export interface MusicUserVariable {
  key: string
  name?: string | null
  title?: string | null
  hint?: string | null
}

/** What a music source declares about itself. @schema MusicSourceManifest */
export interface MusicSourceManifest {
  platform: string
  author?: string | null
  description?: string | null
  version: string
  appVersion?: string | null
  srcUrl?: string | null
  primaryKey?: string[]
  cacheControl?: string
  hints?: { importMusicItem?: string[] | null; importMusicSheet?: string[] | null } | null
  userVariables?: MusicUserVariable[] | null
  supportedSearchType?: string[] | null
}

/** A music source as GET music/plugins sends it (camelCase, nulls left out). @schema MusicPluginInfo */
export interface MusicPluginInfo {
  platform: string
  kind: string
  version: string
  author?: string
  description?: string
  srcUrl?: string
  enabled: boolean
  sha256?: string
  installedFrom?: string
  functions: string[]
  manifest?: MusicSourceManifest
  variables: Record<string, string>
  installedAt?: string
  updatedAt?: string
  loadError?: string
  owner?: string
}

/** One source's part of a search. @schema MusicSearchEntry */
export interface MusicSearchEntry {
  platform: string
  success: boolean
  isEnd?: boolean
  data?: MusicItem[]
  error?: string
  unsupported?: boolean
  /** the source gave no answer within the search's time limit; its call was given up */
  timedOut: boolean
}

/** The data of GET music/search. @schema MusicSearchData */
export interface MusicSearchData {
  query: string
  type: string
  page: number
  results: MusicSearchEntry[]
}

/** A music source as the music view shows it (see toMusicSource). */
export interface MusicVariable {
  key: string
  name?: string
  hint?: string
}
export interface MusicSource {
  platform: string
  name?: string
  version?: string
  author?: string
  url?: string
  description?: string
  supported_search_types?: string[]
  variables?: MusicVariable[]
  values?: Record<string, string>
  error?: string
  /** csharp or javascript */
  kind?: string
  /** The plugin whose C# source this is (it comes and goes with that plugin). */
  owner?: string
  [k: string]: unknown
}
export interface MusicItem {
  id?: string | number
  title?: string
  artist?: string
  album?: string
  artwork?: string
  duration?: number
  [k: string]: unknown
}
export interface MusicSearchResult {
  platform: string
  name?: string
  isEnd?: boolean
  data?: MusicItem[]
  error?: string
}

// ---------- auth ----------
export async function login(username: string, password: string): Promise<{ access_token: string; token_type: string }> {
  const r = await request<Record<string, unknown>>('login/access-token', {
    method: 'POST',
    form: { username, password },
    noAuthRedirect: true,
  })
  const d = (r && typeof r === 'object' && 'access_token' in r ? r : dataOf<Record<string, unknown>>(r)) ?? {}
  if (!d.access_token) throw new ApiError('No access_token in the login response')
  return { access_token: String(d.access_token), token_type: String(d.token_type ?? 'bearer') }
}

// ---------- plugins ----------
export async function listPlugins(state: PluginState): Promise<Plugin[]> {
  return dataOf<Plugin[]>(await request('plugin/', { query: { state } })) ?? []
}

export async function installPlugin(id: string, version?: string): Promise<Envelope> {
  return checkEnvelope(await request(`plugin/install/${encodeURIComponent(id)}`, { query: { version } }))
}

export async function uninstallPlugin(id: string): Promise<Envelope> {
  return checkEnvelope(await request(`plugin/${encodeURIComponent(id)}`, { method: 'DELETE' }))
}

export async function getPluginConfig(id: string): Promise<ConfigModel> {
  return dataOf<ConfigModel>(await request(`plugin/${encodeURIComponent(id)}`)) ?? {}
}

export async function savePluginConfig(id: string, model: ConfigModel): Promise<Envelope> {
  return checkEnvelope(await request(`plugin/${encodeURIComponent(id)}`, { method: 'PUT', json: model }))
}

/** The enable switch alone: the host writes it under the plugin's own key (`enabled`, or e.g. `enable`) and keeps every
 * other saved value (a whole-config PUT would reset what the UI did not send). */
export async function setPluginEnabled(id: string, enabled: boolean): Promise<Envelope> {
  return checkEnvelope(await request(`plugin/enabled/${encodeURIComponent(id)}`, { method: 'PUT', json: { enabled } }))
}

export async function getPluginIsolation(id: string): Promise<PluginIsolation> {
  return dataOf<PluginIsolation>(await request(`plugin/isolation/${encodeURIComponent(id)}`))
}

/** Chooses where the plugin runs (null: the host's default); the host reloads it when its effective mode changes. */
export async function setPluginIsolation(id: string, mode: IsolationMode | null): Promise<Envelope<PluginIsolation>> {
  return checkEnvelope(await request(`plugin/isolation/${encodeURIComponent(id)}`, { method: 'PUT', json: { mode } }))
}

export async function getPluginForm(id: string): Promise<PluginForm> {
  const r = dataOf<Partial<PluginForm> | RenderNode[]>(await request(`plugin/form/${encodeURIComponent(id)}`))
  if (Array.isArray(r)) return { conf: r, model: {} }
  return { render_mode: r?.render_mode, conf: (r?.conf as RenderNode[]) ?? [], model: (r?.model as ConfigModel) ?? {} }
}

export async function getPluginPage(id: string): Promise<PluginPage> {
  const r = dataOf<RenderNode[] | { render_mode?: string; page?: RenderNode[] }>(
    await request(`plugin/page/${encodeURIComponent(id)}`),
  )
  if (Array.isArray(r)) return { page: r }
  return { render_mode: r?.render_mode, page: r?.page ?? [] }
}

export async function reloadPlugin(id: string): Promise<Envelope> {
  return checkEnvelope(await request(`plugin/reload/${encodeURIComponent(id)}`))
}

export async function resetPlugin(id: string): Promise<Envelope> {
  return checkEnvelope(await request(`plugin/reset/${encodeURIComponent(id)}`))
}

/** Icon URL: absolute/data URLs and paths as given; a bare file name is served by the host per plugin. */
export function pluginIconUrl(p: Pick<Plugin, 'id' | 'plugin_icon'>): string {
  const icon = p.plugin_icon ?? ''
  if (!icon) return ''
  if (/^(https?:|data:|blob:|\/)/.test(icon) || icon.startsWith('api/')) return icon
  return apiUrl(`plugin/icon/${encodeURIComponent(p.id)}`, { file: icon })
}

// ---------- plugin API calls from page events ----------
export async function callPluginApi(api: string, method: string = 'get', params?: Record<string, unknown>): Promise<unknown> {
  const m = (method || 'get').toUpperCase()
  const r =
    m === 'GET' || m === 'DELETE'
      ? await request(api, { method: m, query: params as Record<string, string> })
      : await request(api, { method: m, json: params ?? {} })
  if (r && typeof r === 'object' && (r as Envelope).success === false) throw new ApiError((r as Envelope).message || 'Failed', 200, r)
  return r
}

// ---------- dashboards ----------
export async function dashboardMeta(): Promise<DashboardMeta[]> {
  return dataOf<DashboardMeta[]>(await request('plugin/dashboard/meta')) ?? []
}

export async function getDashboard(id: string, key: string): Promise<Dashboard> {
  return dataOf<Dashboard>(await request(`plugin/dashboard/${encodeURIComponent(id)}/${encodeURIComponent(key)}`))
}

// ---------- services ----------
export async function listServices(): Promise<PluginService[]> {
  return dataOf<PluginService[]>(await request('plugin/services')) ?? []
}

export async function runService(pluginId: string, serviceId: string): Promise<Envelope> {
  return checkEnvelope(
    await request(`plugin/services/${encodeURIComponent(pluginId)}/${encodeURIComponent(serviceId)}/run`, { method: 'POST' }),
  )
}

// ---------- workflow ----------
export async function workflowActions(): Promise<WorkflowPluginActions[]> {
  return dataOf<WorkflowPluginActions[]>(await request('workflow/plugin/actions')) ?? []
}

// ---------- messages ----------
export async function sendMessage(text: string): Promise<{ message?: string; replies: Reply[] }> {
  const env = checkEnvelope<{ replies?: Reply[] }>(await request('message/', { method: 'POST', json: { text } }))
  return { message: env.message ?? undefined, replies: env.data?.replies ?? [] }
}

// ---------- music ----------
export async function listMusicSources(): Promise<MusicSource[]> {
  return (dataOf<(MusicPluginInfo | MusicSource)[]>(await request('music/plugins')) ?? []).map(toMusicSource)
}

/** The host's MusicPluginInfo as the view's MusicSource: the variables it asks for come from its manifest, their values
 * from `variables`. A source already in the view's shape is kept as it is. */
export function toMusicSource(s: MusicPluginInfo | MusicSource): MusicSource {
  if (!('functions' in s) || Array.isArray(s.variables)) return s as MusicSource
  const info = s as MusicPluginInfo
  const m = info.manifest
  return {
    platform: info.platform,
    version: info.version,
    author: info.author ?? m?.author ?? undefined,
    url: info.srcUrl ?? m?.srcUrl ?? undefined,
    description: info.description ?? m?.description ?? undefined,
    supported_search_types: m?.supportedSearchType ?? undefined,
    variables: (m?.userVariables ?? []).map(v => ({ key: v.key, name: v.name ?? v.title ?? undefined, hint: v.hint ?? undefined })),
    values: info.variables,
    error: info.loadError,
    kind: info.kind,
    owner: info.owner,
    enabled: info.enabled,
  }
}

export async function addMusicSource(body: { url: string } | { code: string } | { subscription: string }): Promise<Envelope> {
  return checkEnvelope(await request('music/plugins', { method: 'POST', json: body }))
}

export async function deleteMusicSource(platform: string): Promise<Envelope> {
  return checkEnvelope(await request(`music/plugins/${encodeURIComponent(platform)}`, { method: 'DELETE' }))
}

export async function setMusicVariables(platform: string, values: Record<string, string>): Promise<Envelope> {
  return checkEnvelope(
    await request(`music/plugins/${encodeURIComponent(platform)}/variables`, { method: 'PUT', json: values }),
  )
}

export async function musicSearch(query: string, type = 'music', page = 1): Promise<MusicSearchResult[]> {
  const r = dataOf<MusicSearchData | MusicSearchResult[] | Record<string, Omit<MusicSearchResult, 'platform'>>>(
    await request('music/search', { query: { query, type, page } }),
  )
  if (Array.isArray(r)) return r
  // The host's shape: {query, type, page, results: [{platform, success, isEnd, data, error}]}
  if (r && Array.isArray((r as MusicSearchData).results))
    return (r as MusicSearchData).results.map(e => ({ platform: e.platform, isEnd: e.isEnd, data: e.data, error: e.error }))
  return Object.entries(r ?? {}).map(([platform, v]) => ({ platform, ...(v as object) }))
}

// ---------- remote (render_mode "vue") components ----------
/** URL of a plugin's own compiled component module (see README: render mode vue). */
export function remoteModuleUrl(id: string): string {
  return apiUrl(`plugin/remotes/${encodeURIComponent(id)}`)
}

export async function fetchRemoteModule(id: string): Promise<string> {
  const r = await request<string>(`plugin/remotes/${encodeURIComponent(id)}`)
  if (typeof r !== 'string') throw new ApiError('Remote module is not JavaScript')
  return r
}

// ---------- early start of a route's first request (runs while the route's code loads) ----------
const early = new Map<string, { at: number; p: Promise<unknown> }>()

export function prefetch(key: string, fn: () => Promise<unknown>) {
  const p = fn()
  p.catch(() => {}) // consumed (and reported) by the view; never an unhandled rejection
  early.set(key, { at: Date.now(), p })
}

/** The prefetched answer when fresh (< 5 s), else a new call. */
export function takeEarly<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const e = early.get(key)
  early.delete(key)
  return e && Date.now() - e.at < 5000 ? (e.p as Promise<T>) : fn()
}

export const routeData = {
  // The market page shows every plugin with its state (installed ones with a chip); the host's state=market lists only
  // what can be installed, as MoviePilot does.
  market: () => listPlugins('all'),
  installed: () => listPlugins('installed'),
  dashboard: () => dashboardMeta(),
  services: () => listServices(),
} as const
