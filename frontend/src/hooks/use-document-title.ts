// Names the browser tab after the page, which is also what screen readers announce on navigation.
import { useEffect } from 'react';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · zzyzx` : 'zzyzx';
  }, [title]);
}
