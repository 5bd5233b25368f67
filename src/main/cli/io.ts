// What a CLI command may touch, passed in so tests can run commands in-process.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for passwords piped in), or null when it is a terminal. */
  readStdin: () => Promise<string | null>;
  env: NodeJS.ProcessEnv;
}

/** Bad usage: exit 2 with the message and a pointer to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure the command can explain: exit 1 with the message. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      if (process.stdin.isTTY) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
  };
}
