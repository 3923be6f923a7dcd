// Handlers for transport tests: every channel the test does not override rejects, so adding a
// contract channel needs no change here (the list comes from the contract's names).
import { channelNames, type ChannelOutput, type Handlers } from '../../src/shared/contract'

/** What the transport tests' `app:info` answers. */
export const fakeAppInfo: ChannelOutput<'app:info'> = {
  name: 'Chatkeep',
  version: '0.1.0',
  transport: 'electron',
  dataDir: '/d',
  platform: 'linux',
}

export function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      () => Promise.reject(new Error(`${channel} is not used in this test`)),
    ]),
  )
  return { ...unused, ...overrides } as Handlers
}
