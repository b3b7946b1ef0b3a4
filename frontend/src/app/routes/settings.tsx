// /settings: the workspace's settings, one card per section with a table of contents beside them.
import type { ComponentType } from 'react';
import { SectionCard } from '@/components/ui/SectionCard';
import { SourceStatusPanel } from '@/features/sources/components/SourceStatusPanel';
import { AnalyticsSettingsForm } from '@/features/workspace-settings/components/AnalyticsSettingsForm';
import { TargetAudienceForm } from '@/features/workspace-settings/components/TargetAudienceForm';
import { WorkspaceNameForm } from '@/features/workspaces/components/WorkspaceNameForm';
import { useDocumentTitle } from '@/hooks/use-document-title';

type SettingsSection = { id: string; title: string; summary?: string; Content: ComponentType };

const SECTIONS: SettingsSection[] = [
  { id: 'workspace', title: 'Workspace', Content: WorkspaceNameForm },
  {
    id: 'data-source',
    title: 'Data source',
    summary: 'Where zzyzx fetches creators, videos and hashtags from. The server’s operator chooses it at start-up.',
    Content: SourceStatusPanel,
  },
  {
    id: 'target-audience',
    title: 'Target audience',
    summary:
      'Who your brand wants to reach. Each creator’s audience fit score (0–100) measures how much of their audience matches it.',
    Content: TargetAudienceForm,
  },
  {
    id: 'analytics-assumptions',
    title: 'Analytics assumptions',
    summary:
      'The thresholds and guesses behind viral and rising badges, fair prices and expected orders. Change them to match your brand.',
    Content: AnalyticsSettingsForm,
  },
];

export function SettingsRoute() {
  useDocumentTitle('Settings');
  return (
    <div className="row g-4">
      <nav className="col-md-3" aria-label="Settings sections">
        <ul className="nav nav-pills flex-md-column">
          {SECTIONS.map((section) => (
            <li key={section.id} className="nav-item">
              <a className="nav-link" href={`#${section.id}`}>
                {section.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="col-md-9">
        {SECTIONS.map(({ id, title, summary, Content }) => (
          <SectionCard key={id} id={id} title={title} summary={summary}>
            <Content />
          </SectionCard>
        ))}
      </div>
    </div>
  );
}
