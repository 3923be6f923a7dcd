// A raw HTTP client for the server tests: node:http sends the path and Host header exactly as
// given, where fetch would normalise "../" and refuse a foreign Host.
import { request } from 'node:http'

export interface RawResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly body: Buffer
  json<T>(): T
}

export interface RawRequest {
  readonly method?: string
  readonly path: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

export function raw(port: number, options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body.toString('utf8')) as T,
          })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** POST /api/<channel> with the token, as the renderer sends it; the status and the parsed envelope. */
export async function callChannel<T = unknown>(
  server: { readonly port: number; readonly token: string },
  channel: string,
  input: unknown,
): Promise<{ readonly status: number; readonly body: T }> {
  const res = await raw(server.port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  })
  return { status: res.status, body: res.json<T>() }
}
