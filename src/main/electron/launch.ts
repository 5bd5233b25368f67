// The Electron entry (package.json "main"). Before the tray app loads it settles two things:
// a start with a CLI command (`scrobbletray whoami`, how the installed app is also the
// command line) runs bin/scrobbletray.js on Electron's own Node instead; and better-sqlite3
// must load in this runtime, else one line (and a dialog) says why, not a stack trace.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import { cliArguments } from '../native/cli-invocation.js';
import { sqliteLoadProblem } from '../native/sqlite-check.js';

const CLI = fileURLToPath(new URL('../../../bin/scrobbletray.js', import.meta.url));

const cliArgs = cliArguments(process.argv, app.isPackaged);
if (cliArgs) {
  // Needs the runAsNode fuse (electron-builder.yml). stdio is the terminal's.
  const child = spawn(process.execPath, [CLI, ...cliArgs], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'inherit',
  });
  child.on('exit', (code) => app.exit(code ?? 1));
  child.on('error', (error) => {
    process.stderr.write(`scrobbletray: cannot run the command line: ${error.message}\n`);
    app.exit(1);
  });
} else {
  const problem = sqliteLoadProblem();
  if (problem) {
    process.stderr.write(`scrobbletray: ${problem}\n`);
    dialog.showErrorBox('Scrobbletray cannot start', problem);
    app.exit(1);
  } else {
    // Awaited at the top level: Electron emits `ready` only after the entry has finished
    // evaluating, so main.js registers its scheme and handlers before `ready`, as it must.
    await import('./main.js');
  }
}
