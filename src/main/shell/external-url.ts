// Links the wall may open in the system browser: https only, no credentials, bounded length. Anything
// else a page asks to open (http, file, javascript, custom schemes) is refused.
const MAX_URL = 2_048; // chars

export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_URL) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}
