// The one table of commands and options (design §8). Usage text (help.ts), parsing and checks
// (args.ts) and shell completion (completion.ts) are derived from it; adding a command or an option
// is one entry here plus, for a command, its module in commands/ (README.md says how).
//
// Start-up: this module and everything it imports stay light (no zod, SQLite, HTTP client, catalog,
// downloader or provider code), so `--help`, `--version`, completion and usage errors answer in
// about twice Node's own start-up; a command's code is imported by its `load` when it runs.
import { providerIds, providerMeta } from '../../shared/providers'
import { mediaStatuses, mediaTypes, syncMediaFilters, videoQualities } from '../../shared/vocabulary'
import { defaultTemplate, parseTemplate, templateVariables, TemplateError } from '../export/template'
import { stringOption } from './args'
import type { CommandSpec, OptionSpec, ParsedValues } from './command'
import { parseSyncInput } from './commands/sync-input'
import { UsageError } from './usage-error'

export const globalOptions: readonly OptionSpec[] = [
  {
    name: 'data-dir',
    arg: 'DIR',
    kind: 'directory',
    help: 'archive folder (default: $CHATKEEP_DATA_DIR, else the app-data folder "Chatkeep")',
  },
  { name: 'json', help: 'print exactly one JSON document on stdout; progress goes to stderr' },
  { name: 'help', short: 'h', help: 'show help (also after a command)' },
  { name: 'version', help: 'print the version' },
]

const providerOption: OptionSpec = {
  name: 'provider',
  arg: 'P',
  choices: providerIds,
  help: 'the API provider',
}

/** The filters `list` and `export` share. */
const listFilters: readonly OptionSpec[] = [
  providerOption,
  { name: 'account', arg: 'ID', help: 'the provider account id' },
  { name: 'chat', arg: 'ID', help: 'the chat (fan) id' },
  { name: 'type', arg: 'T', choices: mediaTypes, help: 'media type' },
  { name: 'status', arg: 'S', choices: mediaStatuses, help: 'archive status' },
  { name: 'search', arg: 'TEXT', help: 'words in message text or the fan name/username' },
]

const portOption: OptionSpec = { name: 'port', arg: 'N', kind: 'port', help: 'port (default: a free one)' }

export const commands: readonly CommandSpec[] = [
  {
    name: 'sync',
    summary: "Archive every message of an account's chats and their media (incremental unless --full)",
    options: [
      { ...providerOption, required: true },
      { name: 'account', arg: 'ID', required: true, help: 'the provider account id' },
      { name: 'chat', arg: 'ID', multiple: true, help: 'only this chat; repeat for several' },
      { name: 'type', arg: 'T', choices: syncMediaFilters, help: 'only this kind of media' },
      {
        name: 'connection',
        arg: 'ID',
        help: `connection id (conn_…), required for ${providerIds.filter((id) => providerMeta[id].needsConnection).join(', ')}`,
      },
      { name: 'base-url', arg: 'URL', kind: 'url', help: 'replace the API origin' },
      { name: 'concurrency', arg: 'N', kind: 'count', help: 'parallel downloads (default 8)' },
      {
        name: 'quality',
        arg: 'Q',
        choices: videoQualities,
        help: 'preferred video rendition (default source)',
      },
      {
        name: 'full',
        help: 'page every message instead of stopping at what is archived; what the provider no longer has is marked deleted upstream, never removed',
      },
      {
        name: 'media-only',
        help: 'archive only the messages that carry media (cheaper on most providers); the default is every message',
      },
      {
        name: 'max-credits',
        arg: 'N',
        kind: 'count',
        help: 'stop before spending more than N provider credits (exit 4); the next sync continues',
      },
      {
        name: 'api-key-env',
        arg: 'NAME',
        kind: 'env-name',
        help: "read the key from this environment variable instead of the provider's",
      },
    ],
    notes: [
      'Exit codes: 0 archived (or locked/DRM), 1 some failed or not ready (the next sync retries them),',
      '2 usage, 3 key or permission refused, 4 stopped at the credit cap, 130 interrupted',
      '(everything resumes on the next sync).',
    ],
    check: (values, env) => void parseSyncInput(values, env),
    load: async () => (await import('./commands/sync')).run,
  },
  {
    name: 'messages',
    summary: 'List archived messages, text-only ones too (oldest first within each chat)',
    options: [
      providerOption,
      { name: 'account', arg: 'ID', help: 'the provider account id' },
      { name: 'chat', arg: 'ID', help: 'the chat (fan) id' },
      { name: 'search', arg: 'TEXT', help: 'words in message text or the fan name/username' },
    ],
    load: async () => (await import('./commands/messages')).run,
  },
  {
    name: 'list',
    summary: 'List archived media items (one per message they were sent in)',
    options: listFilters,
    load: async () => (await import('./commands/list')).run,
  },
  {
    name: 'export',
    summary: 'Copy archived media into a folder with readable names, sidecars and chat transcripts',
    options: [
      {
        name: 'to',
        arg: 'DIR',
        kind: 'directory',
        required: true,
        help: "the export folder (created if missing; never inside the data folder's files/)",
      },
      ...listFilters,
      { name: 'template', arg: 'T', help: `file path template (default "${defaultTemplate}")` },
      { name: 'link', help: 'hard-link instead of copying (falls back to a copy on another volume)' },
    ],
    notes: [`Template variables: ${Object.keys(templateVariables).join(' ')}`],
    check: (values: ParsedValues): void => {
      const template = stringOption(values, 'template')
      try {
        if (template !== undefined) parseTemplate(template)
      } catch (error) {
        if (error instanceof TemplateError) throw new UsageError(error.message)
        throw error
      }
    },
    load: async () => (await import('./commands/export')).run,
  },
  {
    name: 'verify',
    summary: 'Check that every archived file is present and matches its sha256',
    options: [],
    load: async () => (await import('./commands/verify')).run,
  },
  {
    name: 'serve',
    summary: 'Serve the gallery to a browser on this machine (prints its URL with an access token)',
    options: [
      {
        name: 'host',
        arg: 'ADDRESS',
        help: 'interface to bind (default 127.0.0.1; loopback unless you mean otherwise)',
      },
      portOption,
    ],
    load: async () => (await import('./commands/serve')).run,
  },
  {
    name: 'demo',
    summary: 'Sync the built-in sample provider into a demo folder and open the gallery (no key needed)',
    options: [{ ...portOption, help: 'serve mode port (default: a free one)' }],
    notes: ['Runs from a source checkout only. --data-dir defaults to .demo-data in the project.'],
    load: async () => (await import('./commands/demo')).run,
  },
  {
    name: 'completion',
    summary: 'Print the shell completion script for bash, zsh or fish',
    options: [],
    positional: { name: 'shell', choices: ['bash', 'zsh', 'fish'], help: 'the shell' },
    notes: [
      'bash: eval "$(chatkeep completion bash)" in ~/.bashrc',
      'zsh:  eval "$(chatkeep completion zsh)" in ~/.zshrc, after compinit',
      'fish: chatkeep completion fish > ~/.config/fish/completions/chatkeep.fish',
    ],
    load: async () => (await import('./completion')).run,
  },
]

export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((command) => command.name === name)
}

/** The global options that take a value (the command word is never one of their values). */
export const valuedGlobalOptions: readonly string[] = globalOptions
  .filter((option) => option.arg !== undefined)
  .map((option) => `--${option.name}`)
