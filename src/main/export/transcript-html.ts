// A chat transcript as one self-contained HTML page: every message oldest first under day headings,
// with its time (in the exporting computer's time zone, offset shown), side, price and paid state,
// tip, reply, mass-message and deleted-upstream marks, and media shown from the exported files by
// relative URL. No script, no remote resource, and a CSP that forbids both, so the page opens
// offline in any browser and hostile text stays text.
import { createHash } from 'node:crypto'
import type { MediaStatus, MediaType } from '../../shared/domain'
import { localTimestamp } from '../../shared/local-time'
import { escapeHtml } from './html'

export interface TranscriptMedia {
  readonly mediaId: string
  readonly type: MediaType
  readonly status: MediaStatus
  /** Relative URL of the exported file, or null when the item has none in this export. */
  readonly href: string | null
  /** The exported file's path from the transcript's folder ("/"-separated, not encoded), or null. */
  readonly path?: string | null
  readonly variant: 'full' | 'preview' | null
  /** True when the item was left out of this export (a selection or filter did not include it). */
  readonly outsideExport?: boolean
}

export interface TranscriptMessage {
  readonly messageId: string
  /** ISO 8601, UTC. */
  readonly createdAt: string
  readonly fromCreator: boolean
  readonly price: number | null
  /** For a priced message: bought or not; null when free or unknown. */
  readonly paid?: boolean | null
  readonly tip?: number | null
  /** The provider's id of the message this one answers. */
  readonly replyToId?: string | null
  readonly isMass?: boolean
  /** When a full sync found the provider no longer has it; null while it does. */
  readonly deletedUpstreamAt?: string | null
  readonly text: string
  readonly media: readonly TranscriptMedia[]
}

export interface TranscriptChat {
  readonly provider: string
  readonly account: string
  readonly chat: string
  readonly fan: string
  readonly fanName: string
}

const css = `
:root{color-scheme:light dark;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
body{margin:0 auto;max-width:46rem;padding:1rem;overflow-wrap:anywhere}
header{border-bottom:1px solid #8884;margin-bottom:1rem}
h1{font-size:1.3rem;margin:.2rem 0}
.meta{color:#888;font-size:.85rem}
.msg{margin:.8rem 0;padding:.6rem .8rem;border-radius:.7rem;background:#8881;max-width:85%}
.creator{margin-left:auto;background:#3b82f622}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0}
.media{display:flex;flex-wrap:wrap;gap:.4rem}
.media img,.media video{max-width:100%;max-height:22rem;border-radius:.4rem}
.media audio{width:100%}
.missing{display:inline-block;padding:.4rem .6rem;border:1px dashed #8888;border-radius:.4rem;color:#888}
.day{text-align:center;color:#888;font-size:.8rem;margin:1.2rem 0 .4rem}
.mark{display:inline-block;margin:.2rem .3rem 0 0;padding:0 .4rem;border-radius:.3rem;background:#8882;font-size:.8rem}
.tip{background:#16a34a33}
.gone{opacity:.6;border:1px dashed #dc262688}
.gone .mark.del{background:#dc262633}
`.trim()

// The style is allowed by its hash rather than 'unsafe-inline', so an injected <style> could not apply either.
const styleHash = createHash('sha256').update(css).digest('base64')
export const transcriptCsp = [
  "default-src 'none'",
  "img-src 'self' file:",
  "media-src 'self' file:",
  `style-src 'sha256-${styleHash}'`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

const money = (value: number): string => `$${value.toFixed(2)}`

/** Marks beside the time: price and paid state, tip, mass message, deleted upstream. */
export function messageMarks(message: TranscriptMessage): { readonly text: string; readonly kind: string }[] {
  const marks: { text: string; kind: string }[] = []
  if (message.price !== null && message.price > 0) {
    const state = message.paid === true ? ', bought' : message.paid === false ? ', not bought' : ''
    marks.push({ text: `${money(message.price)}${state}`, kind: 'price' })
  }
  if (message.tip !== null && message.tip !== undefined && message.tip > 0)
    marks.push({ text: `tip ${money(message.tip)}`, kind: 'tip' })
  if (message.isMass) marks.push({ text: 'mass message', kind: 'mass' })
  if (message.deletedUpstreamAt)
    marks.push({
      text: `deleted upstream (noticed ${localTimestamp(message.deletedUpstreamAt)})`,
      kind: 'del',
    })
  return marks
}

function mediaHtml(item: TranscriptMedia): string {
  if (item.href === null) {
    const why = item.outsideExport
      ? 'not in this export'
      : `${item.status === 'downloaded' ? 'file not copied' : item.status.replace('_', ' ')}, no file`
    return `<span class="missing">${escapeHtml(`${item.type} ${item.mediaId}: ${why}`)}</span>`
  }
  const href = escapeHtml(item.href)
  const label = escapeHtml(
    `${item.type} ${item.mediaId}${item.variant === 'preview' ? ` (${item.status.replace('_', ' ')}, preview only)` : ''}`,
  )
  if (item.variant === 'preview' || item.type === 'photo' || item.type === 'gif') {
    return `<a href="${href}"><img src="${href}" alt="${label}" loading="lazy"></a>`
  }
  if (item.type === 'video')
    return `<video src="${href}" controls preload="metadata" title="${label}"></video>`
  return `<audio src="${href}" controls preload="none" title="${label}"></audio>`
}

function messageHtml(message: TranscriptMessage, chat: TranscriptChat): string {
  const who = message.fromCreator ? `${chat.account} (creator)` : `${chat.fanName} (fan)`
  const time = `<time datetime="${escapeHtml(message.createdAt)}">${escapeHtml(localTimestamp(message.createdAt))}</time>`
  const marks = messageMarks(message)
    .map((mark) => `<span class="mark ${mark.kind}">${escapeHtml(mark.text)}</span>`)
    .join('')
  const reply = message.replyToId
    ? `<div class="meta">↩ reply to <a href="#m-${escapeHtml(message.replyToId)}">an earlier message</a></div>`
    : ''
  const classes = `msg ${message.fromCreator ? 'creator' : 'fan'}${message.deletedUpstreamAt ? ' gone' : ''}`
  return [
    `<article class="${classes}" id="m-${escapeHtml(message.messageId)}">`,
    `<div class="meta">${time} · ${escapeHtml(who)}</div>`,
    marks ? `<div>${marks}</div>` : '',
    reply,
    message.text ? `<p class="text" dir="auto">${escapeHtml(message.text)}</p>` : '',
    message.media.length ? `<div class="media">${message.media.map(mediaHtml).join('')}</div>` : '',
    '</article>',
  ].join('')
}

/** Said at the top of every transcript: which clock the times are on. */
export const timeZoneNote =
  "Times are the exporting computer's local time, each with its offset from UTC (+01:00 is one hour ahead)."

export function* renderTranscript(
  chat: TranscriptChat,
  messages: Iterable<TranscriptMessage>,
  exportedAt: string,
): Generator<string> {
  const title = `${chat.fanName} — ${chat.provider} ${chat.account}`
  yield [
    '<!doctype html>',
    '<html lang="und"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(transcriptCsp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style></head><body>`,
    `<header><h1 dir="auto">${escapeHtml(chat.fanName)}</h1>`,
    `<div class="meta">${escapeHtml(`@${chat.fan} · chat ${chat.chat} · ${chat.provider} account ${chat.account} · exported ${localTimestamp(exportedAt)}`)}</div>`,
    `<div class="meta">${escapeHtml(timeZoneNote)}</div></header>`,
    '<main>\n',
  ].join('\n')
  let day = ''
  for (const message of messages) {
    // Day headings follow the times shown, so a day is the exporting computer's day.
    const today = localTimestamp(message.createdAt).slice(0, 10)
    if (today !== day) yield `<h2 class="day">${escapeHtml(today)}</h2>\n`
    day = today
    yield `${messageHtml(message, chat)}\n`
  }
  yield '</main></body></html>\n'
}
