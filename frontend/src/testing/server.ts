// The MSW server every test runs against. Unhandled requests fail the test: a call the mocks do
// not know is a call the test did not mean to make.
import { setupServer } from 'msw/node';
import { alertHandlers } from './mock-alerts';
import { analyticsHandlers } from './mock-analytics';
import { handlers } from './mock-api';
import { campaignHandlers } from './mock-campaigns';
import { connectionHandlers } from './mock-connections';
import { teamHandlers } from './mock-team';

export const server = setupServer(
  ...handlers,
  ...analyticsHandlers,
  ...teamHandlers,
  ...campaignHandlers,
  ...alertHandlers,
  ...connectionHandlers,
);
