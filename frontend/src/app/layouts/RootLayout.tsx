// Wraps every page: the skip link and a progress bar while the next page's code loads.
import { Outlet, useNavigation } from 'react-router';

export function RootLayout() {
  const navigation = useNavigation();
  return (
    <>
      <a href="#main" className="skip-link visually-hidden-focusable btn btn-primary">
        Skip to content
      </a>
      {navigation.state !== 'idle' && (
        <div className="navigation-progress" role="progressbar" aria-label="Loading page" />
      )}
      <Outlet />
    </>
  );
}
