/**
 * Whether a password may be sent to this API root: only over HTTPS, or to this machine (the
 * test servers and a local GNU FM). One rule, used by the client and by the sign-in flow's
 * early check.
 */
export function mayReceivePasswords(apiUrl: string): boolean {
  const url = new URL(apiUrl);
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  return (
    url.hostname === 'localhost' ||
    url.hostname === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(url.hostname)
  );
}
