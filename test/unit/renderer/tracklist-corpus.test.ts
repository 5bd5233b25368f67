import { describe, expect, it } from 'vitest';
import { parseTracklist, type TracklistLine } from '../../../src/renderer/lib/tracklist.js';

// Pastes as they come out of a browser's copy of each site's tracklist (tabs where the page
// has table cells, one line per cell where the page stacks them), including the furniture
// that comes along: headers, totals, "buy track", explicit marks, credit lines.

type Expected = Omit<TracklistLine, 'line'>;

function tracks(text: string): Expected[] {
  return parseTracklist(text).map(({ line: _line, ...rest }) => rest);
}

describe('tracklist pastes from real sites', () => {
  it('Wikipedia: a table with header, quoted titles, writers and a total', () => {
    const paste = [
      'No.\tTitle\tLength',
      '1.\t"Airbag"\t4:44',
      '2.\t"Paranoid Android"\t6:23',
      '3.\t"Subterranean Homesick Alien"\t4:27',
      'Total length:\t53:21',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, title: 'Airbag', duration: 284 },
      { trackNumber: 2, title: 'Paranoid Android', duration: 383 },
      { trackNumber: 3, title: 'Subterranean Homesick Alien', duration: 267 },
    ]);
  });

  it('Wikipedia: writers column and a featured artist note', () => {
    const paste = [
      'No.\tTitle\tWriter(s)\tProducer(s)\tLength',
      '1.\t"Umbrella" (featuring Jay-Z)\tTerius Nash, Christopher Stewart, Shawn Carter\tTricky Stewart\t4:35',
      '2.\t"Push Up on Me"\tRihanna, Makeba Riddick\tStarGate\t3:15',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, title: 'Umbrella (feat. Jay-Z)', duration: 275 },
      { trackNumber: 2, title: 'Push Up on Me', duration: 195 },
    ]);
  });

  it('Wikipedia: curly quotes and side headings', () => {
    const paste = [
      'Side one',
      'No.\tTitle\tLength',
      '1.\t“Come Together”\t4:20',
      '2.\t“Something”\t3:03',
      'Side two',
      'No.\tTitle\tLength',
      '1.\t“Here Comes the Sun”\t3:05',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, title: 'Come Together', duration: 260 },
      { trackNumber: 2, title: 'Something', duration: 183 },
      { trackNumber: 1, title: 'Here Comes the Sun', duration: 185 },
    ]);
  });

  it('Discogs: vinyl positions, an empty cell, and credit lines under tracks', () => {
    const paste = [
      'A1\t\tSpeak to Me\t1:13',
      'A2\t\tBreathe\t2:43',
      'Written-By – Gilmour, Waters, Wright',
      'B1\t\tMoney\t6:23',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, title: 'Speak to Me', duration: 73 },
      { trackNumber: 2, title: 'Breathe', duration: 163 },
      { trackNumber: 1, title: 'Money', duration: 383 },
    ]);
  });

  it('Discogs: a compilation with the artist in its own cell', () => {
    const paste = ['1\tNena\t–\t99 Luftballons\t3:53', '2\tAlphaville\t–\tBig in Japan\t4:44'].join(
      '\n',
    );
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, artist: 'Nena', title: '99 Luftballons', duration: 233 },
      { trackNumber: 2, artist: 'Alphaville', title: 'Big in Japan', duration: 284 },
    ]);
  });

  it('Bandcamp: number on its own line, length after the title, link words', () => {
    const paste = [
      '1.',
      'Dawn Chorus 04:12',
      'lyrics',
      'buy track',
      '2.',
      'Night Bus 03:58',
      'video',
      '3.',
      'Last Light 06:01',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, title: 'Dawn Chorus', duration: 252 },
      { trackNumber: 2, title: 'Night Bus', duration: 238 },
      { trackNumber: 3, title: 'Last Light', duration: 361 },
    ]);
  });

  it('Bandcamp: numbered lines with a compilation artist and a tab before the length', () => {
    const paste = ['1. Kiasmos - Looped\t05:42', '2. Ólafur Arnalds - saman\t03:09'].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, artist: 'Kiasmos', title: 'Looped', duration: 342 },
      { trackNumber: 2, artist: 'Ólafur Arnalds', title: 'saman', duration: 189 },
    ]);
  });

  it('Spotify: one cell a line, explicit marks, featured artists after the main one', () => {
    const paste = [
      '1',
      'Umbrella',
      'E',
      'Rihanna, JAY-Z',
      '4:35',
      '2',
      'Push Up On Me',
      'Rihanna',
      '3:15',
      '3',
      "Don't Stop The Music",
      'Rihanna',
      '4:27',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, artist: 'Rihanna', title: 'Umbrella (feat. JAY-Z)', duration: 275 },
      { trackNumber: 2, artist: 'Rihanna', title: 'Push Up On Me', duration: 195 },
      { trackNumber: 3, artist: 'Rihanna', title: "Don't Stop The Music", duration: 267 },
    ]);
  });

  it('Spotify: "- Remastered 2009" stays part of the title, a comma band stays whole', () => {
    const paste = [
      '1',
      'Come Together - Remastered 2009',
      'The Beatles',
      '4:19',
      '2',
      'Teach Your Children',
      'Crosby, Stills, Nash & Young',
      '2:53',
      '3',
      'Our House',
      'Crosby, Stills, Nash & Young',
      '2:59',
      '4',
      'Helplessly Hoping',
      'Crosby, Stills, Nash & Young',
      '2:41',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      {
        trackNumber: 1,
        artist: 'The Beatles',
        title: 'Come Together - Remastered 2009',
        duration: 259,
      },
      {
        trackNumber: 2,
        artist: 'Crosby, Stills, Nash & Young',
        title: 'Teach Your Children',
        duration: 173,
      },
      { trackNumber: 3, artist: 'Crosby, Stills, Nash & Young', title: 'Our House', duration: 179 },
      {
        trackNumber: 4,
        artist: 'Crosby, Stills, Nash & Young',
        title: 'Helplessly Hoping',
        duration: 161,
      },
    ]);
  });

  it('Apple Music: number, title and length a line each, with PREVIEW and a label line', () => {
    const paste = [
      '1',
      'Airbag',
      'PREVIEW',
      '4:44',
      '2',
      'Paranoid Android',
      'PREVIEW',
      '6:23',
      '12 songs, 53 minutes',
      '℗ 1997 XL Recordings Ltd',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, title: 'Airbag', duration: 284 },
      { trackNumber: 2, title: 'Paranoid Android', duration: 383 },
    ]);
  });

  it('Apple Music: titles with "(feat. …)" and "[Remastered]" are kept as written', () => {
    const paste = [
      '1',
      'Stay (feat. Mikky Ekko)',
      '4:00',
      '2',
      'Heroes [2017 Remaster]',
      '6:11',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, title: 'Stay (feat. Mikky Ekko)', duration: 240 },
      { trackNumber: 2, title: 'Heroes [2017 Remaster]', duration: 371 },
    ]);
  });

  it('a typed list: version suffixes after a dash are not artists', () => {
    expect(
      tracks(
        [
          'Come Together - Remastered 2011',
          'Heroes - 2017 Remaster',
          'Yesterday - Mono Version',
          'Airbag - Live',
          'Radiohead - Lucky',
        ].join('\n'),
      ),
    ).toEqual([
      { title: 'Come Together - Remastered 2011' },
      { title: 'Heroes - 2017 Remaster' },
      { title: 'Yesterday - Mono Version' },
      { title: 'Airbag - Live' },
      { artist: 'Radiohead', title: 'Lucky' },
    ]);
  });

  it('Spotify: every track by the main artist plus guests, no track by the main artist alone', () => {
    const paste = [
      '1',
      'Run This Town (feat. Rihanna & Kanye West)',
      'JAY-Z, Rihanna, Kanye West',
      '4:27',
      '2',
      'D.O.A. (Death Of Auto-Tune)',
      'JAY-Z',
      '4:16',
      '3',
      'Empire State Of Mind',
      'E',
      'JAY-Z, Alicia Keys',
      '4:36',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      {
        trackNumber: 1,
        artist: 'JAY-Z',
        title: 'Run This Town (feat. Rihanna & Kanye West)',
        duration: 267,
      },
      { trackNumber: 2, artist: 'JAY-Z', title: 'D.O.A. (Death Of Auto-Tune)', duration: 256 },
      {
        trackNumber: 3,
        artist: 'JAY-Z',
        title: 'Empire State Of Mind (feat. Alicia Keys)',
        duration: 276,
      },
    ]);
  });

  it('Spotify: "– Remastered 2019" with an en dash stays part of the title', () => {
    const paste = [
      '1',
      'Here Comes the Sun – Remastered 2019',
      'The Beatles',
      '3:05',
      '2',
      'Something – 2019 Mix',
      'The Beatles',
      '3:02',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      {
        trackNumber: 1,
        artist: 'The Beatles',
        title: 'Here Comes the Sun – Remastered 2019',
        duration: 185,
      },
      { trackNumber: 2, artist: 'The Beatles', title: 'Something – 2019 Mix', duration: 182 },
    ]);
  });

  it('Apple Music: a compilation, with each track’s artist on the line after its title', () => {
    const paste = [
      '1',
      'Big in Japan',
      'Alphaville',
      '4:44',
      '2',
      '99 Luftballons',
      'Nena',
      '3:53',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, artist: 'Alphaville', title: 'Big in Japan', duration: 284 },
      { trackNumber: 2, artist: 'Nena', title: '99 Luftballons', duration: 233 },
    ]);
  });

  it('Discogs: vinyl positions typed as plain lines', () => {
    expect(tracks('A1 Speak to Me 1:13\nA2 Breathe 2:43\nB1 Money 6:23')).toEqual([
      { trackNumber: 1, title: 'Speak to Me', duration: 73 },
      { trackNumber: 2, title: 'Breathe', duration: 163 },
      { trackNumber: 1, title: 'Money', duration: 383 },
    ]);
  });

  it('Wikipedia: "featuring A and B" after a quoted title, and a quoted title with curly quotes', () => {
    const paste = [
      'No.\tTitle\tWriter(s)\tLength',
      '1.\t"Run This Town" (featuring Rihanna and Kanye West)\tCarter\t4:27',
      '2.\t“Heroes”\tBowie, Eno\t6:07',
    ].join('\n');
    expect(tracks(paste)).toEqual([
      { trackNumber: 1, title: 'Run This Town (feat. Rihanna and Kanye West)', duration: 267 },
      { trackNumber: 2, title: 'Heroes', duration: 367 },
    ]);
  });

  it('titles and lengths on alternating lines, with no numbers', () => {
    expect(tracks('Airbag\n4:44\nParanoid Android\n6:23')).toEqual([
      { title: 'Airbag', duration: 284 },
      { title: 'Paranoid Android', duration: 383 },
    ]);
  });
});
