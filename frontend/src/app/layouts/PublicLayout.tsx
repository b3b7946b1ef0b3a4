// The frame of the pages opened from a link without logging in: a shared dashboard or campaign
// report, and an invitation. It has no navigation into the app, which a shared dashboard's visitors cannot use.
import { Outlet } from 'react-router';

export function PublicLayout() {
  return (
    <>
      <header className="navbar bg-dark mb-4" data-bs-theme="dark">
        <div className="container">
          <span className="navbar-brand">zzyzx</span>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container pb-5">
        <Outlet />
      </main>
    </>
  );
}
