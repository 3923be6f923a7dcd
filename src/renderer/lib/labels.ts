// Every status, rule and type the catalog stores, in the words a user reads: one home, so no screen
// shows `drm`, `ppv` or `not_ready`.
import type { AccessRule, MediaStatus, MediaType } from '../../shared/domain'

export const statusLabels: Readonly<Record<MediaStatus, string>> = {
  downloaded: 'Archived',
  locked: 'Locked',
  drm: 'DRM-protected',
  not_ready: 'Still processing',
  failed: 'Download failed',
  pending: 'Waiting to download',
}

/** Longer than the label: what the status means for the user. */
export const statusHints: Readonly<Record<MediaStatus, string>> = {
  downloaded: 'The full file is in the archive.',
  locked: 'The fan has not unlocked it; only its preview is archived.',
  drm: 'The provider streams it encrypted; only its preview is archived.',
  not_ready: 'The provider was still processing it; the next sync tries again.',
  failed: 'The download failed; the next sync tries again.',
  pending: 'Queued; it appears when the sync reaches it.',
}

export const accessRuleLabels: Readonly<Record<AccessRule['kind'], string>> = {
  ppv: 'Pay per view',
  subscription: 'Subscribers',
  follow: 'Followers',
  list: 'On a list',
  limited_time: 'Limited time',
  unknown: 'Unrecognised rule',
}

export const typeLabels: Readonly<Record<MediaType, string>> = {
  photo: 'Photo',
  video: 'Video',
  audio: 'Voice note or audio',
  gif: 'GIF',
}

export const typePlurals: Readonly<Record<MediaType, string>> = {
  photo: 'Photos',
  video: 'Videos',
  audio: 'Audio',
  gif: 'GIFs',
}
