// `npm run fake-providers -- --port N [--seed S] [--chats N] [--messages N] [--media N]`
// Starts the fake providers, prints the base URL on stdout, serves until stopped.
import { parseArgs } from 'node:util'
import { startFakeProviders } from './server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    chats: { type: 'string' },
    messages: { type: 'string' },
    media: { type: 'string' },
    'min-size': { type: 'string' },
    'max-size': { type: 'string' },
    'url-ttl': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
})

const num = (value: string | undefined): number | undefined =>
  value === undefined ? undefined : Number(value)
const minSize = num(values['min-size'])
const maxSize = num(values['max-size'])
const ttl = num(values['url-ttl'])

const fake = await startFakeProviders({
  port: Number(values.port),
  host: values.host,
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values.chats ? { chats: Number(values.chats) } : {}),
  ...(values.messages ? { messagesPerChat: Number(values.messages) } : {}),
  ...(values.media ? { mediaPerMessage: Number(values.media) } : {}),
  ...(minSize !== undefined && maxSize !== undefined ? { fileSizes: [minSize, maxSize] as const } : {}),
  ...(ttl !== undefined ? { faults: { urlTtlSeconds: ttl } } : {}),
  verbose: values.verbose,
})

process.stdout.write(`${fake.url}\n`)
process.stderr.write(
  `fake providers ready at ${fake.url}\n` +
    `  keys: ONLYFANSAPI_API_KEY=${fake.keys.onlyfansapi} OFAUTH_API_KEY=${fake.keys.ofauth} FANSMETRIC_API_KEY=${fake.keys.fansmetric}\n` +
    `  accounts: ${fake.dataset.accounts.map((a) => `${a.provider}:${a.id}${a.connectionId ? ` (${a.connectionId})` : ''}`).join(', ')}\n`,
)

const stop = (): void => {
  void fake.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
