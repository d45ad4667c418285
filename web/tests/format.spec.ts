import { describe, it, expect, afterEach } from 'vitest'
import { setLocale } from '../src/i18n'
import {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatRelative,
  intlLocale,
  validZone,
  zoneLabel,
  zoneOffset,
} from '../src/format'

// 2026-12-03 01:00:00 UTC: 09:00 in Shanghai, 20:00 the day before in New York.
const AT = '2026-12-03T01:00:00Z'

afterEach(() => setLocale('zh-CN'))

describe('formatDateTime', () => {
  it('writes Chinese dates in the Chinese UI, never the US order', () => {
    setLocale('zh-CN')
    expect(formatDateTime(AT, { timeZone: 'Asia/Shanghai' })).toBe('2026/12/3 09:00:00')
    expect(formatDateTime(AT, { timeZone: 'America/New_York' })).toBe('2026/12/2 20:00:00')
  })

  it('writes US dates in the English UI', () => {
    setLocale('en')
    expect(formatDateTime(AT, { timeZone: 'Asia/Shanghai' })).toBe('12/3/2026, 9:00:00 AM')
    expect(formatDateTime(AT, { timeZone: 'UTC' })).toBe('12/3/2026, 1:00:00 AM')
  })

  it('follows the UI language given, whatever the current one', () => {
    setLocale('en')
    expect(formatDateTime(AT, { timeZone: 'UTC', locale: 'zh-CN' })).toBe('2026/12/3 01:00:00')
    expect(intlLocale('zh-CN')).toBe('zh-CN')
    expect(intlLocale('en')).toBe('en-US')
  })

  it('shows a dash for nothing, the text for what is not a date, and survives an unknown zone', () => {
    expect(formatDateTime(null)).toBe('—')
    expect(formatDateTime('')).toBe('—')
    expect(formatDateTime('soon')).toBe('soon')
    expect(validZone('Mars/Olympus')).toBeUndefined()
    expect(formatDateTime(AT, { timeZone: 'Mars/Olympus' })).toMatch(/^2026\/12\/\d+ \d\d:00:00$/)
  })
})

describe('zones', () => {
  it('names the zone and its offset at that moment', () => {
    expect(zoneOffset('Asia/Shanghai', AT)).toBe('GMT+08:00')
    expect(zoneLabel('Asia/Shanghai', AT)).toBe('Asia/Shanghai (GMT+08:00)')
    // New York in December is on standard time, in July on daylight time.
    expect(zoneLabel('America/New_York', AT, 'en')).toBe('America/New_York (GMT-05:00)')
    expect(zoneLabel('America/New_York', '2026-07-01T12:00:00Z', 'en')).toBe('America/New_York (GMT-04:00)')
  })

  it('falls back to the browser zone when the host sends none', () => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
    expect(zoneLabel(undefined, AT).startsWith(browser)).toBe(true)
  })
})

describe('numbers', () => {
  it('groups digits and writes sizes in both languages', () => {
    setLocale('zh-CN')
    expect(formatNumber(1234567)).toBe('1,234,567')
    expect(formatBytes(12_345)).toBe('12.3 kB')
    expect(formatBytes(512)).toBe('512 B')
    setLocale('en')
    expect(formatNumber(1234567.5)).toBe('1,234,567.5')
    expect(formatBytes(4_500_000)).toBe('4.5 MB')
    expect(formatNumber(undefined)).toBe('—')
  })

  it('writes relative times in the UI language', () => {
    const now = new Date(AT)
    expect(formatRelative('2026-12-03T01:05:00Z', now, 'zh-CN')).toBe('5分钟后')
    expect(formatRelative('2026-12-03T01:05:00Z', now, 'en')).toBe('in 5 minutes')
    expect(formatRelative('2026-12-02T23:00:00Z', now, 'en')).toBe('2 hours ago')
  })

  it('writes durations as m:ss', () => {
    expect(formatDuration(65)).toBe('1:05')
    expect(formatDuration(3725)).toBe('1:02:05')
    expect(formatDuration(undefined)).toBe('—')
  })
})
