// jsdom lacks a few browser APIs Vuetify touches
class RO {
  observe() {}
  unobserve() {}
  disconnect() {}
}
const g = globalThis as any
g.ResizeObserver ??= RO
g.IntersectionObserver ??= class extends RO {}
g.matchMedia ??= (q: string) => ({
  matches: false,
  media: q,
  onchange: null,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
  dispatchEvent: () => false,
})
g.CSS ??= { supports: () => false }
g.visualViewport ??= { width: 1024, height: 768, addEventListener() {}, removeEventListener() {} }
if (typeof window !== 'undefined' && !window.scrollTo) (window as any).scrollTo = () => {}
