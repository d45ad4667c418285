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

/** Every toast shown, in order, also on `window.__toasts` (read by the e2e spec and for debugging). */
const shown: { seq: number; color: ToastColor; text: string }[] = []
if (typeof window !== 'undefined') (window as unknown as { __toasts: typeof shown }).__toasts = shown

export function toast(text: string, color: ToastColor = 'info') {
  shown.push({ seq: shown.length + 1, color, text })
  if (shown.length > 200) shown.splice(0, 100)
  // a burst of toasts must not keep the user waiting: keep the newest few
  if (ui.toasts.length >= 3) ui.toasts.splice(0, ui.toasts.length - 2)
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
