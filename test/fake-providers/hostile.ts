// Text a real account will eventually contain and that must never break a path, a query or a page.

export const hostileFanNames: readonly string[] = [
  '../../etc/passwd',
  'CON',
  'NUL.txt',
  'trailing dots...',
  'trailing spaces   ',
  'emoji 😈🔥💦 fan',
  'rtl \u202Egnp.exe',
  '<script>alert(1)</script>',
  'a'.repeat(10 * 1024),
  'back\\slash:colon*star?"quote"<lt>|pipe',
  'Ünïcödé Ñame',
  'plain fan',
]

/** OnlyFans message text is HTML; these mix real formatting with attacks. */
export const hostileOnlyFansTexts: readonly string[] = [
  '<p>hi babe<br>new set for you 😘</p>',
  '<script>alert(1)</script>look at this',
  '<p><img src=x onerror="alert(1)">surprise</p>',
  'tom &amp; jerry &lt;3 &gt;.&lt; &#128512;',
  '<p>see <a href="https://evil.example/phish">my link</a></p>',
  '../../etc/passwd',
  'CON',
  '\u202Egnp.exe rtl text',
  `<p>${'long '.repeat(2048)}</p>`,
  '',
  '<p><span class="m-editor-fc__blue-1"><strong>BOLD</strong></span><br><br>second line</p>',
  'plain text with emoji 🎉',
]

/** Fansly text is plain (no HTML), but just as hostile. */
export const hostilePlainTexts: readonly string[] = [
  'hey 👋',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  'NUL.txt',
  'x'.repeat(10 * 1024),
  '\u202Egnp.exe',
  'trailing dots...',
]
