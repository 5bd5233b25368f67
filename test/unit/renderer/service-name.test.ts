import { describe, expect, it } from 'vitest';
import { serviceName } from '../../../src/renderer/lib/service-name.js';

describe('serviceName', () => {
  const accounts = [{ service: 'home-gnu-fm', name: 'Home GNU FM' }];

  it('names built-in services', () => {
    expect(serviceName('lastfm')).toBe('Last.fm');
    expect(serviceName('librefm', accounts)).toBe('Libre.fm');
  });

  it('names a self-hosted server as the user called it', () => {
    expect(serviceName('home-gnu-fm', accounts)).toBe('Home GNU FM');
  });

  it('falls back to the id for a server it knows nothing of (say, one removed)', () => {
    expect(serviceName('home-gnu-fm')).toBe('home-gnu-fm');
    expect(serviceName('gone', accounts)).toBe('gone');
  });
});
