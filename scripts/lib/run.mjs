// Child processes for the bootstrap. Long steps print a progress line when they start and a
// "still working" line every so often, so `npm start` never sits silent for a minute.
import { spawn, spawnSync } from 'node:child_process';
import { log, Stop } from './log.mjs';

/** Runs a command to the end with the terminal attached; returns its exit status. */
export function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (result.error) {
    throw new Stop(`cannot run \`${cmd}\`: ${result.error.message}`);
  }
  return result.status ?? 1;
}

/** Like run(), but stops the bootstrap with the command's exit status when it fails. */
export function mustRun(cmd, args, opts = {}) {
  const status = run(cmd, args, opts);
  if (status !== 0) {
    throw new Stop(`\`${[cmd, ...args].join(' ')}\` failed (exit ${status}).`, status);
  }
}

/**
 * Runs a long step: prints `label…`, then `label: still working (N s)` every `tickMs`.
 * `capture` keeps the output (the last 20,000 characters) instead of showing it, for steps
 * whose failure is reported as one line. A step that outlives `timeoutMs` is stopped.
 * Resolves with { status, output, timedOut }; never rejects.
 */
export function runStep(label, cmd, args, opts = {}) {
  const { cwd, env = process.env, capture = false, timeoutMs = 0, tickMs = 15_000 } = opts;
  log(`${label}…`);
  const started = Date.now();
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    let child;
    try {
      child = spawn(cmd, args, {
        cwd,
        env,
        stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      });
    } catch (error) {
      resolve({ status: 127, output: error.message, timedOut });
      return;
    }
    const keep = (chunk) => {
      output = (output + chunk).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const ticker = setInterval(() => {
      log(`${label}: still working (${Math.round((Date.now() - started) / 1000)} s)`);
    }, tickMs);
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
          }, timeoutMs)
        : null;
    const finish = (status, extra = '') => {
      clearInterval(ticker);
      if (timer) clearTimeout(timer);
      resolve({ status, output: output + extra, timedOut });
    };
    child.on('error', (error) => finish(127, error.message));
    child.on('close', (code) => finish(code ?? 1));
  });
}

/** The most telling line of a failed step's output, trimmed to fit in one line. */
export function reasonFrom(output, fallback) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const telling = lines.find((l) => /error|fail|ENOTFOUND|ECONN|EAI_AGAIN|timed? ?out/i.test(l));
  const line = telling ?? lines.at(-1);
  return line ? line.slice(0, 200) : fallback;
}
