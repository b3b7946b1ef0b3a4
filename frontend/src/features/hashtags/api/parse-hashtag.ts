// Turns what someone pasted into the hashtag the API looks up. Kept apart from the fetcher: the
// search form validates with it before anything is requested.

/** The server's rule: 1 to 100 letters, digits or underscores. */
const HASHTAG = /^[\p{L}\p{N}_]{1,100}$/u;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `gym`, `#GymTok` or a TikTok tag link (`https://www.tiktok.com/tag/gymtok`) → `gymtok`: lowercase
 * and without `#`, the form the API answers with. `null` when it cannot be a hashtag.
 */
export function parseHashtag(input: string): string | null {
  const text = input.trim();
  const fromLink = /tiktok\.com\/tag\/([^/?#]+)/i.exec(text)?.[1];
  const tag = (fromLink ? decoded(fromLink) : text).replace(/^#+/, '').toLowerCase();
  return HASHTAG.test(tag) ? tag : null;
}
