// The credit cap of one sync (`sync --max-credits N`, the app's setting): what the run has spent,
// and the check that refuses the next request or download before it would take the total past
// the cap. API requests are checked one by one as they are about to be made (the adapter's meter),
// at 1 credit each, the price every provider charges per request; downloads through a provider's
// paid download endpoint reserve their price when they are queued, so what is queued always fits.
import type { DownloadRequest } from '../providers/types'

/** Thrown instead of making a request the cap has no room for. Not an error of the provider. */
export class CreditCapReached extends Error {
  constructor(
    readonly cap: number,
    /** Credits spent, plus those held for the downloads still under way, when it was refused. */
    readonly committed: number,
  ) {
    super(
      `Stopped at the credit cap of ${formatCredits(cap)}: ${formatCredits(committed)} credits spent or ` +
        'held for the downloads under way, and the next request would pass it. Everything is ' +
        'resumable: sync again (with a higher cap) to continue.',
    )
    this.name = 'CreditCapReached'
  }
}

function formatCredits(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2)
}

/** 10^6 bytes: providers price downloads per decimal megabyte. */
const megabyte = 1_000_000

/**
 * Credits a download costs: its price per started megabyte times the megabytes started (at least
 * one), for a file the provider's cache does not hold yet (the price a cap must assume). Files of
 * unknown size are counted as one megabyte until their real size is known. Free downloads cost 0.
 */
export function downloadCredits(request: DownloadRequest | null, bytes: number | null): number {
  const price = request?.creditsPerMegabyte ?? 0
  if (price <= 0) return 0
  return price * Math.max(1, Math.ceil((bytes ?? 0) / megabyte))
}

export class CreditBudget {
  private downloads = 0
  private reserved = 0
  private refused: CreditCapReached | null = null

  /**
   * @param cap the most the run may spend; null: no cap (the budget only counts).
   * @param apiCredits what the adapter has spent on API requests so far (its usage counter).
   */
  constructor(
    readonly cap: number | null,
    private readonly apiCredits: () => number,
  ) {}

  /** Credits spent: API requests, and downloads that finished or started. */
  get spent(): number {
    return this.apiCredits() + this.downloads
  }

  /** The refusal, once something was refused: the run stopped at the cap. */
  get reached(): CreditCapReached | null {
    return this.refused
  }

  private fits(credits: number): boolean {
    return this.cap === null || this.spent + this.reserved + credits <= this.cap
  }

  private refuse(): CreditCapReached {
    this.refused ??= new CreditCapReached(this.cap ?? 0, this.spent + this.reserved)
    return this.refused
  }

  /** The adapter's meter: throws CreditCapReached instead of a request that would pass the cap. */
  readonly beforeRequest = (): void => {
    if (!this.fits(1)) throw this.refuse()
  }

  /** A download about to be queued: reserves its price; false (and the run stops) when it does not fit. */
  reserveDownload(credits: number): boolean {
    if (!this.fits(credits)) {
      this.refuse()
      return false
    }
    this.reserved += credits
    return true
  }

  /**
   * A queued download is over: its reservation becomes `charged` credits (its price for the bytes
   * that came, or the reservation when it started and failed, since the provider may have charged
   * for it), or 0 when it never started.
   */
  settleDownload(reserved: number, charged: number): void {
    this.reserved -= reserved
    this.downloads += charged
  }
}
