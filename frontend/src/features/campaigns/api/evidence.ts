// Why a video counts as a campaign post, in words: the rule that matched, its pattern and the text of
// the caption it matched.
import type { Evidence } from './get-campaign-posts';

/** "Matched the hashtag #sunnyco in the caption". The matched text is shown beside it. */
export function describeEvidence({ rule, pattern }: Evidence): string {
  switch (rule) {
    case 'mention':
      return `Mentions ${pattern} in the caption`;
    case 'hashtag':
      return `Matched the hashtag ${pattern} in the caption`;
    case 'keyword':
      return `Matched the phrase “${pattern}” in the caption`;
    case 'link':
      return `Links to ${pattern} in the caption`;
    case 'code':
      return `Matched the code pattern ${pattern} in the caption`;
    case 'manual':
      return 'Attached by hand';
  }
}

/** The caption cut around the first place `matched` appears in it, so the match can be marked. */
export function splitAtMatch(caption: string, matched: string): [string, string, string] | null {
  if (!matched) return null;
  const at = caption.toLowerCase().indexOf(matched.toLowerCase());
  if (at < 0) return null;
  return [caption.slice(0, at), caption.slice(at, at + matched.length), caption.slice(at + matched.length)];
}
