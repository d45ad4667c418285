/**
 * Stand-ins for components MoviePilot's UI registers itself (not part of Vuetify) that plugin JSON
 * commonly names. Each loads lazily.
 */
import { defineComponent, h, type Component } from 'vue'

const textFieldLike = (icon: string, extra: Record<string, unknown> = {}, cls = '') => async (): Promise<Component> => {
  const { VTextField } = await import('vuetify/components/VTextField')
  return defineComponent({
    name: 'PluginTextFieldAlias',
    inheritAttrs: false,
    setup(_p, { attrs, slots }) {
      return () => h(VTextField, { prependInnerIcon: icon, ...extra, ...attrs, class: [cls, attrs.class] }, slots)
    },
  })
}

const codeEditor = async (): Promise<Component> => {
  const { VTextarea } = await import('vuetify/components/VTextarea')
  return defineComponent({
    name: 'PluginCodeEditorAlias',
    inheritAttrs: false,
    props: { value: { type: String, default: undefined }, lang: String, theme: String },
    emits: ['update:value'],
    setup(props, { attrs, emit }) {
      return () =>
        h(VTextarea, {
          class: 'plugin-code-editor',
          style: 'font-family: monospace',
          autoGrow: true,
          rows: 6,
          ...(props.value !== undefined ? { modelValue: props.value, 'onUpdate:modelValue': (v: string) => emit('update:value', v) } : {}),
          ...attrs,
        })
    },
  })
}

const apexChart = async (): Promise<Component> => {
  const m = await import('vue3-apexcharts')
  return (m as any).default ?? m
}

export const aliases: Record<string, () => Promise<Component>> = {
  VCronField: textFieldLike('mdi-clock-outline', { placeholder: '0 */6 * * *' }, 'plugin-cron-field'),
  VPathField: textFieldLike('mdi-folder-outline', {}, 'plugin-path-field'),
  VAceEditor: codeEditor,
  VApexChart: apexChart,
  VApexCharts: apexChart,
  Apexchart: apexChart,
  apexchart: apexChart,
}

/** MoviePilot's dialog close button (the seed's section 7 example uses it). */
aliases.VDialogCloseBtn = async (): Promise<Component> => {
  const { VBtn } = await import('vuetify/components/VBtn')
  return defineComponent({
    name: 'PluginDialogCloseBtn',
    inheritAttrs: false,
    setup(_p, { attrs, slots }) {
      return () =>
        h(VBtn, { icon: 'mdi-close', variant: 'text', size: 'small', class: 'plugin-dialog-close-btn', ...attrs }, slots)
    },
  })
}
