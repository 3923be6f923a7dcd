// A name from a provider (fan, username, account label, chat): isolated from the text around it,
// bidi controls made visible (lib/text.ts), cut with an ellipsis by CSS where space is short, and
// the whole name in a tooltip. Focusable parents show it whole on focus (see .name in base.css).
import type { ReactElement } from 'react'
import { visibleBidi } from '../lib/text'

export interface NameProps {
  readonly text: string
  readonly className?: string
  /** Prefix shown before the name and in the tooltip, e.g. "@" for usernames. */
  readonly prefix?: string
  readonly testId?: string
}

export function Name({ text, className, prefix = '', testId }: NameProps): ReactElement {
  const shown = `${prefix}${visibleBidi(text)}`
  return (
    <bdi className={className ? `name ${className}` : 'name'} title={shown} data-testid={testId}>
      {shown}
    </bdi>
  )
}
