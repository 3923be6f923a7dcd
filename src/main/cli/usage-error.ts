/** A mistake in how the command was called: exit 2 with one line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** The provider refused the key or permission: exit 3. */
export class KeyRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KeyRefusedError'
  }
}
