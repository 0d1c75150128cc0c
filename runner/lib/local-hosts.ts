/**
 * The Host headers the workshop's own local servers (the step page, the web client) answer to:
 * their loopback address, plus WORKSHOP_PAGE_HOSTS for a forwarded port (a remote editor, a
 * codespace). Anything else is refused, so a web page cannot reach them by DNS rebinding.
 */
export function localHosts(port: number): string[] {
  const extra = (process.env.WORKSHOP_PAGE_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  return [`127.0.0.1:${port}`, `localhost:${port}`, ...extra];
}
