// Vitest global set-up for the integration tests: builds the `chatkeep` bin (out/cli) from the
// current sources once, so tests of the built command never run a stale build.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { projectRoot } from './cli'

export default function setup(): void {
  execFileSync(process.execPath, [join(projectRoot, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' })
}
