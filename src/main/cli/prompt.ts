import { createInterface, type Interface } from 'node:readline';

// Questions the CLI asks: the API key and secret on first run, the password for the password
// flow. On a terminal the secret answers are not echoed; from a pipe, answers are read one
// line each, in order, so scripts can feed them.
//
// Nothing touches standard input until a question is asked. On a terminal, readline puts the
// tty in raw mode, where Ctrl+C is a keystroke instead of SIGINT: so the terminal is held
// only for the length of one question, and Ctrl+C while waiting for the browser still
// cancels the sign-in.

export interface Prompter {
  ask(question: string, opts?: { secret?: boolean }): Promise<string>;
  close(): void;
}

export function createPrompter(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Prompter {
  const isTty = Boolean((input as { isTTY?: boolean }).isTTY);
  return isTty ? terminalPrompter(input, output) : pipedPrompter(input, output);
}

/** One readline per question, closed as soon as it is answered. */
function terminalPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  let current: Interface | null = null;
  return {
    ask(question, opts = {}) {
      return new Promise<string>((resolve, reject) => {
        const rl = createInterface({ input, output, terminal: true });
        current = rl;
        if (opts.secret) {
          // Hide what is typed; let the final newline through.
          const internal = rl as unknown as { _writeToOutput: (s: string) => void };
          const write = internal._writeToOutput.bind(rl);
          internal._writeToOutput = (s: string) => {
            if (s.includes('\n')) write(s);
          };
        }
        let answer: string | null = null;
        let cancelled = false;
        rl.once('line', (line) => {
          answer = line;
          rl.close();
        });
        // Ctrl+C at the question: stop asking rather than ignore it.
        rl.once('SIGINT', () => {
          cancelled = true;
          rl.close();
        });
        rl.once('close', () => {
          if (current === rl) current = null;
          if (answer !== null) return resolve(answer.trim());
          output.write('\n');
          reject(new Error(cancelled ? 'Cancelled (Ctrl+C).' : 'No answer (input ended).'));
        });
        if (opts.secret) {
          output.write(question);
        } else {
          // As the prompt, so line editing redraws the question rather than readline's "> ".
          rl.setPrompt(question);
          rl.prompt();
        }
      });
    },
    close: () => current?.close(),
  };
}

/** One readline for all questions, so answers piped in together are read in order. */
function pipedPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  let rl: Interface | null = null;
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;

  function open(): void {
    if (rl) return;
    rl = createInterface({ input, output, terminal: false });
    rl.on('line', (line) => {
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    });
    rl.on('close', () => {
      ended = true;
      for (const w of waiting.splice(0)) w(null);
    });
  }

  return {
    async ask(question) {
      open();
      output.write(question);
      const line =
        lines.shift() ??
        (ended ? null : await new Promise<string | null>((resolve) => waiting.push(resolve)));
      output.write('\n');
      if (line === null) throw new Error('No answer (standard input ended).');
      return line.trim();
    },
    close: () => rl?.close(),
  };
}
