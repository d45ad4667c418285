import { describe, it, expect } from 'vitest'
import { getPath, setPath, evalCondition, interpolate, resolveValue, runStatements } from '../src/renderer/expr'

describe('expr', () => {
  it('paths', () => {
    const m: any = { a: { b: [{ c: 1 }] } }
    expect(getPath(m, 'a.b[0].c')).toBe(1)
    expect(getPath(m, 'model.a.b.0.c')).toBe(1)
    expect(getPath(m, 'x.y')).toBeUndefined()
    setPath(m, 'x.y', 2)
    expect(m.x.y).toBe(2)
    setPath(m, 'list.0', 'a')
    expect(Array.isArray(m.list)).toBe(true)
  })
  it('conditions', () => {
    const m = { enabled: true, mode: 'a', nested: { on: false } }
    expect(evalCondition('enabled', m)).toBe(true)
    expect(evalCondition('!enabled', m)).toBe(false)
    expect(evalCondition('model.nested.on', m)).toBe(false)
    expect(evalCondition("mode == 'a'", m)).toBe(true)
    expect(evalCondition('{{ mode === "b" }}', m)).toBe(false)
    expect(evalCondition(false, m)).toBe(false)
    expect(evalCondition(undefined, m)).toBe(true)
    expect(evalCondition('missing', m)).toBe(false)
  })
  it('interpolation keeps raw values for whole expressions', () => {
    const m = { n: 3, list: [1, 2] }
    expect(interpolate('{{ n + 1 }}', m)).toBe(4)
    expect(interpolate('{{ list }}', m)).toEqual([1, 2])
    expect(interpolate('共 {{ n }} 项', m)).toBe('共 3 项')
    expect(interpolate('{{ undefinedName.x }}', m)).toBeUndefined()
    expect(resolveValue({ a: '{{ n }}', b: ['{{ n * 2 }}'] }, m)).toEqual({ a: 3, b: [6] })
    expect(interpolate('{{ Math.max(n, 10) }}', m)).toBe(10)
  })
  it('statements write to the model', () => {
    const m: any = { c: 1 }
    runStatements('c = c + 1; model.d = $event', m, { $event: 'x' })
    expect(m).toEqual({ c: 2, d: 'x' })
  })
})
