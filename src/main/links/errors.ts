// Why a link could not become a track, in words that say what to do instead.

export type LinkErrorKind = 'unsupported' | 'not-found' | 'unreachable' | 'unreadable';

export class LinkError extends Error {
  override readonly name = 'LinkError';
  readonly kind: LinkErrorKind;

  constructor(kind: LinkErrorKind, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
  }
}

export const WHICH_LINKS_WORK =
  'Scrobbletray reads track links from SoundCloud (https://soundcloud.com/artist/track) and video links from YouTube (https://www.youtube.com/watch?v=…, https://youtu.be/…, https://music.youtube.com/watch?v=…).';
