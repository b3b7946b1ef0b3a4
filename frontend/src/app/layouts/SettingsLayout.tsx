// The settings pages under one heading, with tabs between them. API keys and webhooks are an
// owner's business, so only owners see those tabs.
import Nav from 'react-bootstrap/Nav';
import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '@/components/ui/PageHeader';
import { paths } from '@/config/paths';
import { useIsOwner } from '@/lib/auth/roles';

export function SettingsLayout() {
  const isOwner = useIsOwner();
  return (
    <>
      <PageHeader title="Settings" />
      <Nav as="nav" variant="tabs" aria-label="Settings pages" className="mb-4">
        <Nav.Item>
          <Nav.Link as={NavLink} to={paths.settings} end>
            Workspace
          </Nav.Link>
        </Nav.Item>
        <Nav.Item>
          <Nav.Link as={NavLink} to={paths.members}>
            Members
          </Nav.Link>
        </Nav.Item>
        <Nav.Item>
          <Nav.Link as={NavLink} to={paths.alertSettings}>
            Alerts
          </Nav.Link>
        </Nav.Item>
        {isOwner && (
          <>
            <Nav.Item>
              <Nav.Link as={NavLink} to={paths.apiKeys}>
                API keys
              </Nav.Link>
            </Nav.Item>
            <Nav.Item>
              <Nav.Link as={NavLink} to={paths.webhooks}>
                Webhooks
              </Nav.Link>
            </Nav.Item>
          </>
        )}
      </Nav>
      <Outlet />
    </>
  );
}
