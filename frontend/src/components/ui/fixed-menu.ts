// Props for a dropdown menu that may sit inside a box that scrolls sideways (a WideTable, such as a
// hashtag's creators): the menu is placed against the window, so the box cannot cut it off. The
// style is set from the first render because Popper measures the menu before it applies its own
// `position: fixed`, and would otherwise place it as if it were still inside the dropdown.
import type { DropdownMenuProps } from 'react-bootstrap/DropdownMenu';

export const FIXED_MENU_PROPS: Pick<DropdownMenuProps, 'popperConfig' | 'style'> = {
  popperConfig: { strategy: 'fixed' },
  style: { position: 'fixed' },
};
