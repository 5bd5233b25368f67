// One Server-Sent Events block (the text between blank lines), read as the spec says for
// the one field we use.

/** The `data` of one event block, or null for comments (`: ping`) and blocks without data. */
export function dataOf(block: string): string | null {
  const lines = block
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
  return lines.length > 0 ? lines.join('\n') : null;
}
