import { reactive } from 'vue'
import { installWithProgress, InstallError, INSTALL_STEPS, type InstallStepEvent } from '../api/installStream'
import { toastError, toastOk } from './ui'
import { t, type Key } from '../i18n'

/** One line of an install's progress: a step (per package for download and verify) and where it is. */
export interface InstallRow {
  key: string
  step: string
  state: 'started' | 'done' | 'failed'
  message: string
  package?: string | null
  index?: number | null
  count?: number | null
  bytes?: number | null
}

/** An install or update the UI follows: its steps as the host streams them, and how it ended. */
export interface InstallRun {
  rows: InstallRow[]
  running: boolean
  ok?: boolean
  /** the step that failed (its label) and the host's message */
  failure?: { step: string | null; message: string }
}

/** Installs by plugin id: the market and the installed list show the same run. */
export const installs = reactive<Record<string, InstallRun>>({})

/** How long a finished install's steps stay on the card (a failure stays until closed). */
const KEEP_DONE_MS = 4000

export function stepLabel(step: string | null | undefined): string {
  return step && (INSTALL_STEPS as readonly string[]).includes(step) ? t(`step_${step}` as Key) : (step ?? '')
}

/** Folds a step event into the rows: a new row when a step (or a package's step) starts, else its row changes. */
export function applyStep(rows: InstallRow[], e: InstallStepEvent): void {
  const key = `${e.step}|${e.package ?? ''}`
  const row = rows.find(r => r.key === key)
  const next: InstallRow = {
    key,
    step: e.step,
    state: (['started', 'done', 'failed'].includes(e.state) ? e.state : 'started') as InstallRow['state'],
    message: e.message,
    package: e.package,
    index: e.index,
    count: e.count,
    bytes: e.bytes ?? row?.bytes,
  }
  if (row) Object.assign(row, next)
  else rows.push(next)
}

/**
 * Installs (or updates) `id` and follows its steps; toasts the outcome as the plain install did. Resolves true when it
 * installed and the plugin came up. A failure names the step that failed and stays shown until {@link dismissInstall}.
 */
export async function runInstall(id: string, version: string | undefined, name: string): Promise<boolean> {
  if (installs[id]?.running) return false
  const run: InstallRun = reactive({ rows: [], running: true })
  installs[id] = run
  try {
    const r = await installWithProgress(id, version, e => applyStep(run.rows, e))
    run.ok = true
    toastOk(r.message || `${name}: ${t('installed_ok')}`)
    setTimeout(() => {
      if (installs[id] === run) delete installs[id]
    }, KEEP_DONE_MS)
    return true
  } catch (e) {
    const step = e instanceof InstallError ? e.step : null
    const message = (e as Error).message
    run.ok = false
    run.failure = { step, message }
    toastError(step ? `${name}: ${t('stepFailed', { step: stepLabel(step) })}: ${message}` : `${name}: ${message}`)
    return false
  } finally {
    run.running = false
  }
}

export function dismissInstall(id: string): void {
  if (!installs[id]?.running) delete installs[id]
}
