// AiRecognizer's detail page in render mode vue: its own Vue component instead of Vuetify JSON.
//
// Hand-written as ONE self-contained ES module, so it needs no bundler: the SDK packs this file at ui/remote.js of the
// plugin package, and the host serves it at GET /api/v1/plugin/remotes/AiRecognizer. It imports nothing: Vue comes from
// the host's web UI through `sdk.vue` (a module that bundled its own Vue would create components the host's Vue cannot
// render), and the plugin's APIs are called through the `api` prop, which sends the user's token.
// Only plain elements are used: the web UI registers no Vuetify component globally, but its theme's CSS variables and
// utility classes (pa-4, text-h6, ...) are there to borrow.

const box = 'border: 1px solid rgba(var(--v-border-color), var(--v-border-opacity)); border-radius: 6px;'

export function Page(sdk) {
  const { h, ref, onMounted } = sdk.vue
  return {
    name: 'AiRecognizerPage',
    props: ['pluginId', 'api'],
    setup(props) {
      const base = `plugin/${props.pluginId}`
      const title = ref('The.Wandering.Earth.II.2023.2160p.WEB-DL.H265')
      const busy = ref(false)
      const result = ref(null) // { ok, text }
      const usage = ref(null)

      async function loadUsage() {
        try {
          usage.value = await props.api.get(`${base}/usage`)
        } catch (e) {
          usage.value = { error: e?.message ?? String(e) }
        }
      }

      async function recognize() {
        busy.value = true
        try {
          // The plugin answers {success, message, data}; a failure (no API key, model unreachable) arrives as an error
          // carrying the plugin's message.
          const answer = await props.api.get(`${base}/recognize`, { title: title.value })
          const r = answer?.data ?? {}
          const parts = [r.name, r.year, r.season != null ? `S${r.season}` : null, r.episode != null ? `E${r.episode}` : null]
          result.value = { ok: true, text: parts.filter(Boolean).join(' · ') || '未能识别' }
        } catch (e) {
          result.value = { ok: false, text: e?.message ?? String(e) }
        } finally {
          busy.value = false
          await loadUsage() // a request to the model changes the counters
        }
      }

      onMounted(loadUsage)

      const usageLine = () => {
        const u = usage.value
        if (!u) return '…'
        if (u.error) return `统计不可用：${u.error}`
        return `请求 ${u.requests ?? 0} · 识别成功 ${u.recognized ?? 0} · 缓存命中 ${u.cache_hits ?? 0} · 失败 ${u.failures ?? 0}`
      }

      return () =>
        h('div', { class: 'pa-4', style: box, 'data-testid': 'ai-recognizer-page' }, [
          h('div', { class: 'text-h6 mb-1' }, 'AI 识别试用'),
          h('div', { class: 'text-body-2 mb-4', style: 'opacity: .7' }, '用当前配置识别一个标题，检查接口地址、API Key 和模型是否可用。'),
          h('div', { class: 'd-flex flex-wrap ga-2 mb-3' }, [
            h('input', {
              value: title.value,
              onInput: e => (title.value = e.target.value),
              onKeydown: e => e.key === 'Enter' && !busy.value && recognize(),
              'aria-label': '标题',
              'data-testid': 'ai-title',
              class: 'pa-2 flex-grow-1',
              style: box + ' min-width: 240px; color: inherit; background: transparent;',
            }),
            h(
              'button',
              {
                type: 'button',
                disabled: busy.value || !title.value.trim(),
                onClick: recognize,
                'data-testid': 'ai-recognize',
                class: 'px-4 py-2',
                style: 'border-radius: 6px; background: rgb(var(--v-theme-primary)); color: rgb(var(--v-theme-on-primary));' +
                  (busy.value ? ' opacity: .6;' : ''),
              },
              busy.value ? '识别中…' : '识别',
            ),
          ]),
          result.value &&
            h(
              'div',
              {
                'data-testid': 'ai-result',
                class: 'mb-3',
                style: `color: rgb(var(--v-theme-${result.value.ok ? 'success' : 'error'}));`,
              },
              result.value.text,
            ),
          h('div', { class: 'text-caption', 'data-testid': 'ai-usage' }, usageLine()),
        ])
    },
  }
}
