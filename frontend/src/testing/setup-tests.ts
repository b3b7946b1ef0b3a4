// Runs before every test file: DOM matchers, browser APIs jsdom lacks, the MSW server, and a
// clean session and database for each test.
import '@testing-library/jest-dom/vitest';
import 'vitest-canvas-mock';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { session } from '@/lib/auth/session';
import { resetAlertsDb } from './mock-alerts';
import { resetAnalyticsDb } from './mock-analytics';
import { resetCampaignsDb } from './mock-campaigns';
import { resetConnectionsDb } from './mock-connections';
import { resetDb } from './mock-db';
import { server } from './server';

// uPlot sizes charts with ResizeObserver and watches the pixel ratio with matchMedia.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
if (typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    value: (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList,
  });
}

// jsdom lays nothing out, so it has nothing to scroll.
if (!('scrollIntoView' in Element.prototype)) {
  Object.defineProperty(Element.prototype, 'scrollIntoView', { value: () => undefined, writable: true });
}

// The first render of a route also loads its chunk, which can take a while on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  // The chosen workspace is remembered in localStorage, which jsdom keeps between the tests of a file.
  localStorage.clear();
  resetDb();
  resetAnalyticsDb();
  resetCampaignsDb();
  resetAlertsDb();
  resetConnectionsDb();
  session.reset();
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
