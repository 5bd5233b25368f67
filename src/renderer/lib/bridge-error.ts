import { isFieldProblem, type FieldProblem } from '../../shared/validation.js';

// Electron's invoke() passes only an error's message across IPC, with a prefix of its own;
// main writes a refused scrobble's problems into that message, one "field: problem" a line.
// This recovers the message and the problems, so the window shows them under the fields.

const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;
const PROBLEM_LINE = /^((?:items\.\d+\.)?[A-Za-z]+|\(input\)): (.+)$/;

export interface BridgeFailure {
  message: string;
  problems?: FieldProblem[];
}

export function parseBridgeError(raw: string, problems?: unknown): BridgeFailure {
  const message = raw.replace(IPC_PREFIX, '');
  const given = Array.isArray(problems) ? problems.filter(isFieldProblem) : [];
  if (given.length) return { message, problems: given };
  const lines = message.split('\n');
  const parsed = lines.map((line) => PROBLEM_LINE.exec(line));
  if (parsed.every((m) => m !== null)) {
    return {
      message,
      problems: parsed.map((m) => ({ field: m?.[1] ?? '', message: m?.[2] ?? '' })),
    };
  }
  return { message };
}
