import type { FieldProblem } from '../../shared/field-problem.js';

// A failure as the Account view shows it: a sentence for people, and the technical text
// (API method names, error numbers, hosts, command lines) kept apart for a "Details"
// disclosure. The core words most failures already; this catches what still arrives in the
// API's own terms (a service's error passed through) and what is meant for a terminal.

export interface PlainFailure {
  text: string;
  /** The technical part, or null when there is none. */
  details: string | null;
}

/** `auth.getSession failed: …`, `… (Last.fm error 4)`, `HTTP 503 from host`: API jargon. */
const JARGON = /\b[a-z]+\.[a-zA-Z]+ failed:|\(\w[\w.]* error \d+\)|\bHTTP \d{3}\b/;
/** Tells the user to type a command: fine in a terminal, not in a window. */
const COMMAND = /`scrobbletray [^`]*`|\bscrobbletray [a-z-]+\b|\bSCROBBLETRAY_[A-Z_]+/;

/**
 * Split a message (and the `details` problem the core may send) into words for people and
 * details. `what` names what failed, for the sentence used when the message is all jargon.
 */
export function plainFailure(
  message: string,
  opts: { what: string; problems?: readonly FieldProblem[] } = { what: 'That' },
): PlainFailure {
  const extra = (opts.problems ?? []).filter((p) => p.field === 'details').map((p) => p.message);
  const details: string[] = [...extra];
  // "(scrobbletray login --method password)" inside a sentence: only the aside goes.
  const withoutAsides = message.replace(/\s*\(([^()]*)\)/g, (aside, inner: string) => {
    if (!COMMAND.test(inner)) return aside;
    details.push(inner);
    return '';
  });
  // Sentences end in . ! or ? followed by a space (so "Last.fm" and URLs stay whole).
  const sentences = withoutAsides.trim().split(/(?<=[.!?])\s+/);
  const forPeople = sentences.filter((sentence) => {
    if (!COMMAND.test(sentence)) return true;
    details.push(sentence);
    return false;
  });
  let text = forPeople.join(' ').trim();

  if (JARGON.test(text)) {
    details.unshift(text);
    text = `${opts.what} did not work: the service answered with an error. Try again in a moment; if it keeps failing, the details below say what the service said.`;
  }
  if (!text) text = `${opts.what} did not work.`;
  const unique = [...new Set(details.filter(Boolean))];
  return { text, details: unique.length ? unique.join('\n') : null };
}
