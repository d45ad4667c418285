import { readFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'

const VIRTUAL = 'virtual:vuetify-catalog'
const RESOLVED = '\0' + VIRTUAL

/** Reads the export names of every folder of vuetify/lib/components (and labs). */
export function scanVuetify(): { name: string; spec: string }[] {
  const require = createRequire(import.meta.url)
  const root = join(dirname(require.resolve('vuetify/package.json')), 'lib')
  const out: { name: string; spec: string }[] = []
  const seen = new Set<string>()
  // only the folders Vuetify itself re-exports (its index files), so half-finished folders are skipped
  const listed = (indexFile: string) =>
    existsSync(indexFile)
      ? [...readFileSync(indexFile, 'utf8').split('\n')]
          .map(l => /^\s*export \* from "\.\/([\w]+)\/index\.js"/.exec(l)?.[1])
          .filter((x): x is string => !!x)
      : []
  const scan = (dir: string, folders: string[], specOf: (folder: string) => string) => {
    for (const folder of folders) {
      const index = join(dir, folder, 'index.js')
      if (!existsSync(index)) continue
      const text = readFileSync(index, 'utf8')
      const names = [
        ...[...text.matchAll(/export\s*\{([^}]*)\}/g)].flatMap(m =>
          m[1].split(',').map(s => s.trim().split(/\s+as\s+/).pop()!.trim()),
        ),
        ...[...text.matchAll(/export\s+const\s+(\w+)/g)].map(m => m[1]),
      ].filter(n => /^V[A-Z]/.test(n))
      for (const n of names) {
        if (seen.has(n)) continue
        seen.add(n)
        out.push({ name: n, spec: specOf(folder) })
      }
    }
  }
  const comps = join(root, 'components')
  scan(comps, listed(join(comps, 'index.js')), f => `vuetify/components/${f}`)
  scan(join(root, 'labs'), listed(join(root, 'labs', 'components.js')), f => `vuetify/labs/${f}`)
  return out
}

export function vuetifyCatalog(): Plugin {
  return {
    name: 'vuetify-catalog',
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : undefined
    },
    load(id) {
      if (id !== RESOLVED) return
      const entries = scanVuetify()
      const lines = entries.map(
        e => `  ${JSON.stringify(e.name)}: () => import(${JSON.stringify(e.spec)}).then(m => m[${JSON.stringify(e.name)}]),`,
      )
      return `export const catalog = {\n${lines.join('\n')}\n}\nexport default catalog\n`
    },
  }
}
