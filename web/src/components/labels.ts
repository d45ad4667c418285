import type { Plugin } from '../api'

export function labelsOf(p: Plugin): string[] {
  const l = p.plugin_label
  if (!l) return []
  const arr = Array.isArray(l) ? l : String(l).split(/[,，]/)
  return arr.map(s => s.trim()).filter(Boolean)
}

export function historyOf(p: Plugin): { version: string; note: string }[] {
  const h = p.history
  if (!h) return []
  if (Array.isArray(h)) return h.map(x => ({ version: String(x.version), note: String(x.note ?? x.notes ?? '') }))
  return Object.entries(h).map(([version, note]) => ({ version, note: String(note ?? '') }))
}

export const levelColor = (lvl?: number) => (lvl === 3 ? 'error' : lvl === 2 ? 'warning' : 'success')
