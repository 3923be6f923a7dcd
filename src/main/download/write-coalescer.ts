// Gathers network chunks (16–64 KiB each) into a few large writes. Awaiting one file write per
// chunk was the biggest self time of a download; one write per batch pays the syscall and the
// thread-pool round trip once, and the next batch is gathered while this one is written.
import type { TempFileSink } from './temp-file'

/** Big enough to amortise a write, small enough that 16 downloads hold a few MiB between them. */
export const defaultBatchBytes = 512 * 1024

export class WriteCoalescer {
  private readonly sink: TempFileSink
  private readonly batchBytes: number
  private pending: Buffer[] = []
  private pendingBytes = 0
  private inFlight: Promise<void> | null = null
  private failure: { readonly error: unknown } | null = null

  constructor(sink: TempFileSink, batchBytes: number = defaultBatchBytes) {
    this.sink = sink
    this.batchBytes = batchBytes
  }

  /** True once a write failed: the file then ends where the OS stopped taking bytes. */
  get failed(): boolean {
    return this.failure !== null
  }

  /**
   * Takes a chunk. Waits only when a full batch is ready while the previous one is still being
   * written, so at most two batches are held: that is the back-pressure on the network stream.
   * Rejects with the sink's own error (ENOSPC stays ENOSPC) from an earlier or the current write.
   */
  async push(chunk: Buffer): Promise<void> {
    this.throwIfFailed()
    this.pending.push(chunk)
    this.pendingBytes += chunk.length
    if (this.pendingBytes < this.batchBytes) return
    if (this.inFlight) await this.inFlight
    this.throwIfFailed()
    this.startWrite()
  }

  /** Writes everything taken so far; resolves once the sink has every byte. */
  async flush(): Promise<void> {
    if (this.inFlight) await this.inFlight
    this.throwIfFailed()
    if (this.pendingBytes > 0) {
      this.startWrite()
      await this.inFlight
      this.throwIfFailed()
    }
  }

  /**
   * After a failure elsewhere (network, abort): writes what already arrived so a resume starts
   * after it, and never rejects. Must finish before the sink is closed.
   */
  async salvage(): Promise<void> {
    try {
      await this.flush()
    } catch {
      // The file keeps whatever prefix the OS took; the resume starts from its real size.
    }
  }

  private startWrite(): void {
    // The chunks go as they are, in one gathered write: concatenating them cost a fresh 512 KiB
    // allocation (and its page faults) per batch.
    const data = this.pending
    this.pending = []
    this.pendingBytes = 0
    this.inFlight = this.sink.write(data).then(
      () => {
        this.inFlight = null
      },
      (error: unknown) => {
        this.failure = { error }
        this.inFlight = null
      },
    )
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error
  }
}
