// Reads a V8 .cpuprofile (from node --cpu-prof) and sums self time per function, so a bench can
// say where a worker's time went without opening DevTools.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[]
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

export interface HotSpot {
  readonly name: string
  readonly selfMs: number
  readonly share: number
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame
  const file = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, 'node_modules/')
    .replace(/^.*\/work\/main\//, '')
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim()
}

export function hotSpots(profileDir: string, top = 12): HotSpot[] {
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'))
  if (!file) return []
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    total += ms
    if (node) self.set(label(node), (self.get(label(node)) ?? 0) + ms)
  })
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, selfMs]) => ({ name, selfMs, share: total > 0 ? selfMs / total : 0 }))
}
