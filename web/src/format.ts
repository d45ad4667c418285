import { currentLocale, type Locale } from './i18n'

/**
 * Dates, numbers, sizes and durations as the reader of the UI's language writes them: every view formats through here,
 * never with `toLocaleString()` (which follows the browser, not the UI: US dates inside the Chinese interface).
 * Each function reads the current UI language, so a template that calls it re-renders when the language changes.
 */

/** The Intl locale of a UI language. */
export function intlLocale(locale: Locale = currentLocale.value): string {
  return locale === 'en' ? 'en-US' : 'zh-CN'
}

// Per language: Chinese "2026/12/3 09:00:00" (24 h), English "12/3/2026, 9:00:00 AM".
const DATE_TIME: Record<Locale, Intl.DateTimeFormatOptions> = {
  'zh-CN': { dateStyle: 'short', timeStyle: 'medium' },
  en: { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' },
}

export interface DateOptions {
  /** An IANA zone (the host's, for a scheduled time); the browser's when absent or unknown. */
  timeZone?: string | null
  locale?: Locale
}

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null
  const d = value instanceof Date ? value : new Date(value)
  return isNaN(d.getTime()) ? null : d
}

/** A valid IANA zone name, or undefined (an unknown zone must not break the page). */
export function validZone(zone?: string | null): string | undefined {
  if (!zone) return undefined
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return zone
  } catch {
    return undefined
  }
}

/** The browser's zone ("Asia/Shanghai"; "UTC" where none is set). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** Date and time; "—" for nothing, the text itself when it is not a date. */
export function formatDateTime(value: string | number | Date | null | undefined, options: DateOptions = {}): string {
  const d = toDate(value)
  if (!d) return value === null || value === undefined || value === '' ? '—' : String(value)
  const locale = options.locale ?? currentLocale.value
  return new Intl.DateTimeFormat(intlLocale(locale), { ...DATE_TIME[locale], timeZone: validZone(options.timeZone) }).format(d)
}

/** The zone's offset at that moment as the language writes it: "GMT+08:00", "GMT" for UTC. */
export function zoneOffset(zone: string | null | undefined, at: string | number | Date = new Date(), locale: Locale = currentLocale.value): string {
  const d = toDate(at) ?? new Date()
  const parts = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: validZone(zone), timeZoneName: 'longOffset' }).formatToParts(d)
  return parts.find(p => p.type === 'timeZoneName')?.value ?? ''
}

/** "Asia/Shanghai (GMT+08:00)": the zone a time is given in, for a schedule's reader. */
export function zoneLabel(zone: string | null | undefined, at?: string | number | Date | null, locale: Locale = currentLocale.value): string {
  const name = validZone(zone) ?? browserTimeZone()
  const offset = zoneOffset(name, at ?? new Date(), locale)
  return offset && offset !== name ? `${name} (${offset})` : name
}

/** "5 分钟后" / "in 5 minutes" (or "… ago") from now, in the largest whole unit. */
export function formatRelative(value: string | number | Date | null | undefined, now: Date = new Date(), locale: Locale = currentLocale.value): string {
  const d = toDate(value)
  if (!d) return ''
  const seconds = Math.round((d.getTime() - now.getTime()) / 1000)
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]]
  const [unit, size] = units.find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1]
  return new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' }).format(Math.round(seconds / size), unit)
}

/** A number with the language's grouping: 1,234,567 (both languages group by thousands; the formatter decides). */
export function formatNumber(value: number | null | undefined, options: Intl.NumberFormatOptions = {}, locale: Locale = currentLocale.value): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return new Intl.NumberFormat(intlLocale(locale), options).format(value)
}

/** A size in bytes: "512 B", "12.3 kB", "4.5 MB" (decimal units, one decimal). */
export function formatBytes(bytes: number | null | undefined, locale: Locale = currentLocale.value): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—'
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  let value = bytes
  let i = 0
  while (Math.abs(value) >= 1000 && i < units.length - 1) {
    value /= 1000
    i++
  }
  return formatNumber(value, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 }, locale)
}

/** A duration in seconds as m:ss (h:mm:ss from an hour on): the same in both languages. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  const s = Math.round(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const pad = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`
}
