import type { ErrorCode } from '../../shared/contract'

/** An error a handler means to show: its code and one-line message reach the renderer as they are. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
