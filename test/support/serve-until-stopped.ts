// The tail of a serve child process (bench and e2e): print the URL as the one stdout line, as
// `chatkeep serve` does, and close server then core on SIGTERM or SIGINT or when the parent goes
// away (its death closes our stdin), so a child never outlives the run that started it.
interface Closable {
  close(): Promise<void>
}

export function serveUntilStopped(server: Closable & { readonly url: string }, core: Closable): void {
  process.stdout.write(`${server.url}\n`)
  const stop = async (): Promise<void> => {
    await server.close()
    await core.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop())
  process.on('SIGINT', () => void stop())
  process.stdin.on('end', () => void stop())
  process.stdin.resume()
}
