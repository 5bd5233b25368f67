import { Core } from '../src/main/core.js';
import { MemorySecretStore } from '../src/main/secrets/memory-store.js';
import { startServer, type RunningServer } from '../src/main/server/server.js';
import { memorySettings } from '../src/main/settings/store.js';

// The app the history bench's browser talks to: a core over a data dir (memory settings and
// keychain, dummy API credentials: no account is signed in and auto-send is never started, so
// nothing is sent) and `serve`'s server for the built window.

export interface HistoryApp {
  /** Opening it trades the token for the cookie. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function startHistoryApp(dataDir: string): Promise<HistoryApp> {
  const core = new Core({
    dataDir,
    env: {
      SCROBBLETRAY_LASTFM_API_KEY: 'bench-api-key',
      SCROBBLETRAY_LASTFM_API_SECRET: 'bench-api-secret',
    },
    settings: memorySettings(),
    secrets: new MemorySecretStore(),
  });
  let server: RunningServer;
  try {
    server = await startServer({ core, port: 0 });
  } catch (error) {
    await core.close();
    throw error;
  }
  return {
    url: server.url,
    origin: new URL(server.url).origin,
    close: async () => {
      await server.close();
      await core.close();
    },
  };
}
