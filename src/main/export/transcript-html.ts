// A chat transcript as one self-contained HTML page: messages oldest first with date, price and
// side, media shown from the exported files by relative URL. No script, no remote resource, and a
// CSP that forbids both, so the page opens offline in any browser and hostile text stays text.
import { createHash } from 'node:crypto'
import type { MediaStatus, MediaType } from '../../shared/domain'
import { escapeHtml } from './html'

export interface TranscriptMedia {
  readonly mediaId: string
  readonly type: MediaType
  readonly status: MediaStatus
  /** Relative URL of the exported file, or null when the item has none in this export. */
  readonly href: string | null
  readonly variant: 'full' | 'preview' | null
  /** True when the item was left out of this export (a selection or filter did not include it). */
  readonly outsideExport?: boolean
}

export interface TranscriptMessage {
  readonly messageId: string
  readonly createdAt: string
  readonly fromCreator: boolean
  readonly price: number | null
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

function formatPrice(price: number | null): string {
  return price !== null && price > 0 ? ` · $${price.toFixed(2)}` : ''
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
  const head = `${message.createdAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')} · ${who}${formatPrice(message.price)}`
  return [
    `<article class="msg ${message.fromCreator ? 'creator' : 'fan'}" id="m-${escapeHtml(message.messageId)}">`,
    `<div class="meta">${escapeHtml(head)}</div>`,
    message.text ? `<p class="text" dir="auto">${escapeHtml(message.text)}</p>` : '',
    message.media.length ? `<div class="media">${message.media.map(mediaHtml).join('')}</div>` : '',
    '</article>',
  ].join('')
}

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
    `<div class="meta">${escapeHtml(`@${chat.fan} · chat ${chat.chat} · ${chat.provider} account ${chat.account} · exported ${exportedAt}`)}</div></header>`,
    '<main>\n',
  ].join('\n')
  for (const message of messages) yield `${messageHtml(message, chat)}\n`
  yield '</main></body></html>\n'
}
