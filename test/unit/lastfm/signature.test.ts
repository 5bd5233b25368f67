import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedParams } from '../../../src/main/lastfm/params.js';
import { signLastfmParams } from '../../../src/main/lastfm/signature.js';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

describe('signLastfmParams', () => {
  it('matches the vector from Last.fm auth spec', () => {
    const sig = signLastfmParams(
      { api_key: 'YOUR_API_KEY', method: 'auth.getSession', token: 'YOUR_REQUESTED_TOKEN' },
      'YOUR_SECRET',
    );
    expect(sig).toBe('94539006de89b3c6b3c030bb1e52b9c4');
  });

  it('leaves format, callback and api_sig out of the signature', () => {
    const base = { api_key: 'K', method: 'auth.getSession', token: 'T' };
    expect(signLastfmParams({ ...base, format: 'json' }, 'secret')).toBe(
      '37d55b7ad890b24ee678f74fac66d197',
    );
    expect(signLastfmParams({ ...base, callback: 'cb', api_sig: 'x' }, 'secret')).toBe(
      '37d55b7ad890b24ee678f74fac66d197',
    );
  });

  it('sorts names in byte order: albumArtist[0] before album[0], artist[10] before artist[1]', () => {
    const params = {
      'album[0]': 'B',
      'albumArtist[0]': 'C',
      'artist[1]': 'X',
      'artist[10]': 'Y',
      api_key: 'K',
    };
    // '[' (0x5B) sorts after 'A' (0x41), and '0' (0x30) before ']' (0x5D).
    const expected = md5('albumArtist[0]Calbum[0]Bapi_keyKartist[10]Yartist[1]XS');
    expect(signLastfmParams(params, 'S')).toBe(expected);
  });

  it('hashes non-ASCII values as UTF-8', () => {
    const params = { artist: 'Sigur Rós', track: 'Hoppípolla', album: '東京事変 🎸' };
    const expected = createHash('md5')
      .update(Buffer.from('album東京事変 🎸artistSigur RóstrackHoppípollasecret', 'utf8'))
      .digest('hex');
    expect(signLastfmParams(params, 'secret')).toBe(expected);
  });
});

describe('signedParams', () => {
  const creds = { apiKey: 'K', apiSecret: 'secret' };

  it('adds api_key, method and a signature over them', () => {
    const p = signedParams('auth.getSession', { token: 'T' }, creds);
    expect(p).toEqual({
      token: 'T',
      api_key: 'K',
      method: 'auth.getSession',
      api_sig: '37d55b7ad890b24ee678f74fac66d197',
    });
  });

  it('includes the session key in the signed set', () => {
    const p = signedParams('track.love', { artist: 'A', track: 'T' }, creds, 'SESSION');
    expect(p['sk']).toBe('SESSION');
    expect(p['api_sig']).toBe(md5('api_keyKartistAmethodtrack.loveskSESSIONtrackTsecret'));
  });
});
