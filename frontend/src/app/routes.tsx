// The app's routes. Pages are separate chunks loaded on first visit, which keeps the initial
// download small (the charts of the creator page alone would double it).
import { Navigate, type RouteObject } from 'react-router';
import { LoadingState } from '@/components/ui/LoadingState';
import { paths } from '@/config/paths';
import { AppShell } from './layouts/AppShell';
import { AuthLayout } from './layouts/AuthLayout';
import { PublicLayout } from './layouts/PublicLayout';
import { RootLayout } from './layouts/RootLayout';
import { SettingsLayout } from './layouts/SettingsLayout';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    // Shown while the first page's chunk loads.
    hydrateFallbackElement: (
      <main className="container">
        <LoadingState />
      </main>
    ),
    children: [
      {
        element: <AuthLayout />,
        children: [
          { path: paths.login, lazy: async () => ({ Component: (await import('./routes/login')).LoginRoute }) },
          {
            path: paths.register,
            lazy: async () => ({ Component: (await import('./routes/register')).RegisterRoute }),
          },
        ],
      },
      {
        // Opened from links, with or without a session.
        element: <PublicLayout />,
        children: [
          { path: paths.share, lazy: async () => ({ Component: (await import('./routes/share')).ShareRoute }) },
          {
            path: paths.sharedCampaign,
            lazy: async () => ({ Component: (await import('./routes/shared-campaign')).SharedCampaignRoute }),
          },
          { path: paths.invite, lazy: async () => ({ Component: (await import('./routes/invite')).InviteRoute }) },
          { path: paths.connect, lazy: async () => ({ Component: (await import('./routes/connect')).ConnectRoute }) },
          {
            path: paths.connectDone,
            lazy: async () => ({ Component: (await import('./routes/connect-done')).ConnectDoneRoute }),
          },
        ],
      },
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Navigate to={paths.lists} replace /> },
          { path: paths.lists, lazy: async () => ({ Component: (await import('./routes/lists')).ListsRoute }) },
          { path: '/lists/:listId', lazy: async () => ({ Component: (await import('./routes/list')).ListRoute }) },
          {
            path: '/lists/:listId/dashboard',
            lazy: async () => ({ Component: (await import('./routes/list-dashboard')).ListDashboardRoute }),
          },
          { path: paths.rising, lazy: async () => ({ Component: (await import('./routes/rising')).RisingRoute }) },
          {
            path: paths.campaigns,
            lazy: async () => ({ Component: (await import('./routes/campaigns')).CampaignsRoute }),
          },
          {
            path: '/campaigns/:campaignId',
            lazy: async () => ({ Component: (await import('./routes/campaign')).CampaignRoute }),
          },
          { path: paths.inbox, lazy: async () => ({ Component: (await import('./routes/inbox')).InboxRoute }) },
          {
            path: '/creators/:creatorId',
            lazy: async () => ({ Component: (await import('./routes/creator')).CreatorRoute }),
          },
          {
            path: '/hashtags/:tag?',
            lazy: async () => ({ Component: (await import('./routes/hashtags')).HashtagsRoute }),
          },
          {
            path: paths.settings,
            element: <SettingsLayout />,
            children: [
              { index: true, lazy: async () => ({ Component: (await import('./routes/settings')).SettingsRoute }) },
              {
                path: paths.members,
                lazy: async () => ({ Component: (await import('./routes/members')).MembersRoute }),
              },
              {
                path: paths.alertSettings,
                lazy: async () => ({ Component: (await import('./routes/alert-settings')).AlertSettingsRoute }),
              },
              {
                path: paths.apiKeys,
                lazy: async () => ({ Component: (await import('./routes/api-keys')).ApiKeysRoute }),
              },
              {
                path: paths.webhooks,
                lazy: async () => ({ Component: (await import('./routes/webhooks')).WebhooksRoute }),
              },
            ],
          },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];
