import { createInterface } from 'node:readline';

// Questions the CLI asks: the API key and secret on first run, the password for the password
// flow. On a terminal the secret answers are not echoed; from a pipe, answers are read one
// line each, in order, so scripts can feed them.

export interface Prompter {
  ask(question: string, opts?: { secret?: boolean }): Promise<string>;
  close(): void;
}

export function createPrompter(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Prompter {
  const isTty = Boolean((input as { isTTY?: boolean }).isTTY);
  let muted = false;
  const rl = createInterface({ input, output, terminal: isTty });
  if (isTty) {
    // Hide what is typed for secrets while still showing the question.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!muted || s.includes('\n')) write(s);
    };
  }
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(null);
  });

  return {
    async ask(question, opts = {}) {
      output.write(question);
      muted = Boolean(opts.secret);
      const line =
        lines.shift() ?? (ended ? null : await new Promise<string | null>((resolve) => waiting.push(resolve)));
      muted = false;
      if (opts.secret || !isTty) output.write('\n');
      if (line === null) throw new Error('No answer (standard input ended).');
      return line.trim();
    },
    close: () => rl.close(),
  };
}
