/**
 * Code-based routes under /console. Routes compose features; features never import each other.
 * Polling (refetchInterval) keeps every page current: see docs/console.md.
 */
import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { NotFoundPage } from '../components/pages';
import { InboxPage } from '../features/inbox/components/inbox-page';
import { TaskList } from '../features/inbox/components/task-list';
import { JourneyPage } from '../features/journey/components/journey-page';
import { OversightPage } from '../features/oversight/components/oversight-page';
import { ProvisioningPage } from '../features/provisioning/components/provisioning-page';
import { RunPage } from '../features/run/components/run-page';
import { RunsPage, parseRunsSearch } from '../features/runs/components/runs-page';
import { StartRunPage } from '../features/runs/components/start-run-page';
import { UpcomingTours } from '../features/tours/components/upcoming-tours';
import { Home } from './home';
import { RequireRole } from './require-role';
import { Shell } from './shell';

const rootRoute = createRootRoute({ component: Shell, notFoundComponent: NotFoundPage });

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home });

const runsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs',
  validateSearch: parseRunsSearch,
  component: function Runs() {
    const search = runsRoute.useSearch();
    const navigate = runsRoute.useNavigate();
    return (
      <RequireRole roles={['HR', 'ADMIN', 'HEAD_OF_DF', 'TECH_LEAD']}>
        <RunsPage search={search} onSearch={(next) => void navigate({ search: next })} />
      </RequireRole>
    );
  },
});

const startRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs/new',
  component: () => (
    <RequireRole roles={['HR', 'ADMIN']}>
      <StartRunPage />
    </RequireRole>
  ),
});

const runRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs/$runId',
  component: function Run() {
    const { runId } = runRoute.useParams();
    return <RunPage runId={runId} />;
  },
});

const inboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/inbox',
  component: InboxPage,
});

const journeyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/journey',
  component: () => (
    <RequireRole roles={['HIRE']}>
      <JourneyPage
        todo={<TaskList showRunLinks={false} />}
        tours={(runId) => <UpcomingTours runId={runId} />}
      />
    </RequireRole>
  ),
});

const oversightRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/oversight',
  component: () => (
    <RequireRole roles={['HEAD_OF_DF', 'ADMIN']}>
      <OversightPage />
    </RequireRole>
  ),
});

const provisioningRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/provisioning',
  component: () => (
    <RequireRole roles={['IT', 'ADMIN']}>
      <ProvisioningPage />
    </RequireRole>
  ),
});

const routeTree = rootRoute.addChildren([
  homeRoute,
  runsRoute,
  startRoute,
  runRoute,
  inboxRoute,
  journeyRoute,
  oversightRoute,
  provisioningRoute,
]);

export const router = createRouter({ routeTree, basepath: '/console', defaultPreload: false });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
