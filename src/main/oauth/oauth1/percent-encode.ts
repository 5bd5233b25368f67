// RFC 5849 §3.6 percent-encoding: UTF-8 bytes, every byte except the unreserved characters
// A-Z a-z 0-9 - . _ ~ becomes %XX with uppercase hex. Both sides of a signature must encode
// exactly alike, so this is written byte by byte rather than patched onto encodeURIComponent.
// A lone UTF-16 surrogate (not valid text) is encoded as U+FFFD, as Node's UTF-8 encoder does.

const UNRESERVED = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~') {
  UNRESERVED[ch.charCodeAt(0)] = 1;
}
const HEX = '0123456789ABCDEF';

export function percentEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte < 128 && UNRESERVED[byte] === 1) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}
