// stdout carries results only (exactly one JSON document with --json); everything else goes to stderr.
export interface Output {
  readonly json: boolean
  result(value: unknown, text: () => string): void
  info(line: string): void
}

export function createOutput(
  json: boolean,
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WritableStream = process.stderr,
): Output {
  return {
    json,
    result(value, text) {
      if (json) stdout.write(`${JSON.stringify(value, null, 2)}\n`)
      else {
        const body = text()
        if (body.length > 0) stdout.write(body.endsWith('\n') ? body : `${body}\n`)
      }
    },
    info(line) {
      stderr.write(`${line}\n`)
    },
  }
}
