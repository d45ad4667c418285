import { reactive } from 'vue'

export type ToastColor = 'success' | 'error' | 'info' | 'warning'
export interface Toast {
  text: string
  color: ToastColor
  timeout: number
}

/** Toast queue (VSnackbarQueue) and a global "long call in progress" counter shown as a top progress bar. */
export const ui = reactive({
  toasts: [] as Toast[],
  busy: 0,
})

export function toast(text: string, color: ToastColor = 'info') {
  ui.toasts.push({ text, color, timeout: color === 'error' ? 6000 : 2500 })
}
export const toastError = (text: string) => toast(text, 'error')
export const toastOk = (text: string) => toast(text, 'success')

/** Runs a long call with the global progress bar shown. */
export async function withBusy<T>(fn: () => Promise<T>): Promise<T> {
  ui.busy++
  try {
    return await fn()
  } finally {
    ui.busy--
  }
}
