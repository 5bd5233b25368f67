import { readFileSync } from 'node:fs';

// package.json sits two levels up from both src/main and dist/main.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const APP_VERSION: string = pkg.version;
export const USER_AGENT = `Scrobbletray/${APP_VERSION} (+https://github.com/scrobbletray)`;
