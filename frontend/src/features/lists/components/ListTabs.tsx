// A list's two views: its creators in order (to add, reorder and annotate) and its dashboard (to
// compare their numbers).
import Nav from 'react-bootstrap/Nav';
import { NavLink } from 'react-router';
import { paths } from '@/config/paths';

export function ListTabs({ listId }: { listId: string }) {
  return (
    <Nav as="nav" variant="tabs" aria-label="List views" className="mb-3">
      <Nav.Item>
        <Nav.Link as={NavLink} to={paths.list(listId)} end>
          Creators
        </Nav.Link>
      </Nav.Item>
      <Nav.Item>
        <Nav.Link as={NavLink} to={paths.listDashboard(listId)}>
          Dashboard
        </Nav.Link>
      </Nav.Item>
    </Nav>
  );
}
