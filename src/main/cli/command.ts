import type { Output } from './output'
import type { OptionSpec, ParsedValues } from './args'

export interface CommandContext {
  readonly dataDir: string
  readonly output: Output
  readonly env: NodeJS.ProcessEnv
  readonly stderrIsTty: boolean
  readonly signal: AbortSignal
}

export interface Command {
  readonly name: string
  readonly summary: string
  /** Lines after "Usage: chatkeep <name>", one per option. */
  readonly usage: readonly string[]
  readonly options: OptionSpec
  /** Resolves to the process exit code. */
  run(context: CommandContext, values: ParsedValues): Promise<number>
}
