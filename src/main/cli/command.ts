// The shapes of the command table (table.ts): what a command and an option are. Usage text,
// parsing, validation and shell completion are all derived from these records.
import type { Output } from './output'

/** How the shells complete an option's value, and how it is checked before a command loads. */
export type ValueKind =
  | 'text'
  /** A folder: shells complete directory names. */
  | 'directory'
  /** A positive whole number. */
  | 'count'
  /** 0–65535; 0 picks a free port. */
  | 'port'
  /** An http(s) URL. */
  | 'url'
  /** The name of an environment variable. */
  | 'env-name'

export interface OptionSpec {
  /** The long name, without the leading "--". */
  readonly name: string
  readonly short?: string
  /** What the value is called in usage text ("DIR", "ID"); absent for a flag (no value). */
  readonly arg?: string
  readonly kind?: ValueKind
  /** The only values accepted; usage text and completion list them. */
  readonly choices?: readonly string[]
  /** May be given more than once; the command receives every value. */
  readonly multiple?: boolean
  readonly required?: boolean
  readonly help: string
}

/** One word after the command, such as the shell of `chatkeep completion bash`. */
export interface PositionalSpec {
  readonly name: string
  readonly choices: readonly string[]
  readonly help: string
}

export type ParsedValues = Readonly<Record<string, string | boolean | readonly string[] | undefined>>

export interface CommandContext {
  readonly dataDir: string
  /** Whether the user passed --data-dir (the demo uses its own folder otherwise). */
  readonly dataDirGiven: boolean
  readonly output: Output
  readonly env: NodeJS.ProcessEnv
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream
  readonly stderrIsTty: boolean
  readonly signal: AbortSignal
}

/** A command's work. Resolves to the process exit code (design §8). */
export type CommandRun = (context: CommandContext, values: ParsedValues) => Promise<number>

export interface CommandSpec {
  readonly name: string
  readonly summary: string
  readonly options: readonly OptionSpec[]
  readonly positional?: PositionalSpec
  /** Lines printed after the options in `chatkeep <name> --help`. */
  readonly notes?: readonly string[]
  /**
   * Checks that need more than one option (or the environment), before the command's code loads:
   * a usage error never costs the catalog, downloader or provider modules.
   */
  readonly check?: (values: ParsedValues, env: NodeJS.ProcessEnv) => void
  /** Imports the command's module on demand: the start-up cost of a command is its own. */
  readonly load: () => Promise<CommandRun>
}
