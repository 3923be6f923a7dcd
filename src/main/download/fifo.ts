// A first-in first-out line for the queue's waiting downloads.

/** A FIFO that does not shift arrays: thousands of small files wait in one host's line. */
export class Fifo<T> {
  private items: T[] = []
  private head = 0
  get length(): number {
    return this.items.length - this.head
  }
  push(item: T): void {
    this.items.push(item)
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined
    const item = this.items[this.head]
    this.head += 1
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }
  drain(): T[] {
    const rest = this.items.slice(this.head)
    this.items = []
    this.head = 0
    return rest
  }
}
