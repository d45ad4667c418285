/// <reference types="vite/client" />
declare module 'virtual:vuetify-catalog' {
  import type { Component } from 'vue'
  export const catalog: Record<string, () => Promise<Component>>
  export default catalog
}
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, any>
  export default component
}
