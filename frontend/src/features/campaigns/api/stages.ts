// A campaign's pipeline: the stages a creator moves through in order, and the two ways out.
import type { components } from '@/lib/api/schema';

export type Stage = components['schemas']['Stage'];

export type StageInfo = { id: Stage; label: string; description: string };

/** Board columns, left to right: the pipeline in order, then its exits. */
export const STAGES: readonly StageInfo[] = [
  { id: 'shortlisted', label: 'Shortlisted', description: 'Picked, not contacted yet' },
  { id: 'contacted', label: 'Contacted', description: 'Asked, waiting for an answer' },
  { id: 'agreed', label: 'Agreed', description: 'Said yes; product not sent yet' },
  { id: 'shipped', label: 'Shipped', description: 'Product on its way' },
  { id: 'delivered', label: 'Delivered', description: 'Product arrived; waiting for a post' },
  { id: 'posted', label: 'Posted', description: 'Posted about the product' },
  { id: 'declined', label: 'Declined', description: 'Said no' },
  { id: 'no_show', label: 'No-show', description: 'Got the product, never posted' },
];

export function stageLabel(stage: Stage): string {
  return STAGES.find((candidate) => candidate.id === stage)?.label ?? stage;
}
