// The "Rising" badge with its evidence in a tooltip ("+38% followers in 7 days", "video … has 9×
// median views"). A creator who is not rising shows why not on hover, more quietly.
import OverlayTrigger from 'react-bootstrap/OverlayTrigger';
import Tooltip from 'react-bootstrap/Tooltip';
import type { components } from '@/lib/api/schema';

type Rising = components['schemas']['Rising'];

export function RisingBadge({ rising, id }: { rising: Rising; id: string }) {
  if (!rising.rising) {
    return (
      <span className="small text-body-secondary" title={`Not rising: ${rising.reasons.join('; ')}`}>
        No
      </span>
    );
  }
  return (
    <OverlayTrigger
      placement="top"
      trigger={['hover', 'focus']}
      overlay={
        <Tooltip id={`rising-${id}`}>
          <ul className="list-unstyled mb-0 text-start">
            {rising.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </Tooltip>
      }
    >
      <button type="button" className="badge text-bg-success border-0">
        Rising
      </button>
    </OverlayTrigger>
  );
}
