import { Core } from '../core.js';
import { resolveDataDir } from '../data-dir.js';
import type { CliIo } from './io.js';

/** Open the core over the data dir for one command, and always close it. */
export async function withCore<T>(io: CliIo, run: (core: Core) => Promise<T>): Promise<T> {
  const core = new Core({ dataDir: resolveDataDir(io.env), env: io.env });
  try {
    return await run(core);
  } finally {
    await core.close();
  }
}
