// The bootstrap's one voice: every line it prints starts with "[scrobbletray]" and goes to
// stderr, so stdout stays the command's own (headless prints its URL there).

export function log(line) {
  process.stderr.write(`[scrobbletray] ${line}\n`);
}

/** Ends the bootstrap with a message (already one plain line) and an exit code. */
export class Stop extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
