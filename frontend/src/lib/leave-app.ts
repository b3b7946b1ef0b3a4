// Leaves the app for another site (TikTok's consent page): one place, so tests can see where to.
export function leaveFor(url: string): void {
  window.location.assign(url);
}
