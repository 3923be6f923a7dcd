// Text from providers (fan names, usernames, message text) shown safely: bidirectional embeddings,
// overrides and isolates are made visible instead of silently reordering what follows them (a fan
// named "rtl \u202Egnp.exe" would otherwise read "rtl exe.png"). Marks (LRM, RLM, ALM) stay: they
// cannot reverse a run, and right-to-left writers use them legitimately. Exported file names drop
// the same controls (src/main/export/safe-name.ts).

const controlNames: Readonly<Record<string, string>> = {
  '\u202a': 'LRE',
  '\u202b': 'RLE',
  '\u202c': 'PDF',
  '\u202d': 'LRO',
  '\u202e': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
}
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g

/** The text with each bidi control shown as ⟨RLO⟩ etc. */
export function visibleBidi(text: string): string {
  return text.replace(bidiControls, (control) => `⟨${controlNames[control] ?? 'bidi'}⟩`)
}

export function hasBidiControls(text: string): boolean {
  return /[\u202a-\u202e\u2066-\u2069]/.test(text)
}
