// The navbar's choice of workspace, for people in more than one: each by name with their role there.
import Form from 'react-bootstrap/Form';
import { roleLabel } from '@/lib/auth/roles';
import type { Workspace } from '@/lib/auth/session';
import { useSwitchWorkspace } from '../hooks/use-switch-workspace';

type WorkspaceSwitcherProps = { workspaces: Workspace[]; current: Workspace | null };

export function WorkspaceSwitcher({ workspaces, current }: WorkspaceSwitcherProps) {
  const switchWorkspace = useSwitchWorkspace();
  if (workspaces.length < 2) return null;
  return (
    <Form.Select
      size="sm"
      aria-label="Workspace"
      className="workspace-switcher"
      value={current?.id ?? ''}
      onChange={(event) => void switchWorkspace(event.target.value)}
    >
      {workspaces.map((workspace) => (
        <option key={workspace.id} value={workspace.id}>
          {workspace.name} ({roleLabel(workspace.role)})
        </option>
      ))}
    </Form.Select>
  );
}
