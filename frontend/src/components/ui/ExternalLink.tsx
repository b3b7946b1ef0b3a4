// A link that leaves zzyzx for another site (TikTok) in a new tab, saying so to screen readers.
// `noopener` keeps the opened page from reaching back into this one.
import type { ReactNode } from 'react';

type ExternalLinkProps = { href: string; children: ReactNode; className?: string };

export function ExternalLink({ href, children, className }: ExternalLinkProps) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={className}>
      {children} <span className="visually-hidden">(opens in a new tab)</span>
    </a>
  );
}
