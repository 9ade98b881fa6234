import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import admins from './admins';
import apiKeys from './api-keys';
import audit from './audit';
import { authProvider, type Permissions } from './auth-provider';
import { dataProvider } from './data-provider';
import emails from './emails';
import { i18nProvider } from './i18n';
import { ConsoleLayout } from './layout/ConsoleLayout';
import tenants, { ownOffice } from './tenants';
import users from './users';
import webhooks from './webhooks';
import { lazyScreen } from './shared/lazy-screen';

// The home and the office's pages, like every resource's screens, load when first shown.
const Home = lazyScreen(() => import('./office/Home'), 'Home');
const ReviewPage = lazyScreen(() => import('./office/ReviewPage'), 'ReviewPage');
const ActivationPage = lazyScreen(() => import('./office/ActivationPage'), 'ActivationPage');

/** The admin console: react-admin on the admin REST API (ra-data-simple-rest) with the session cookie. */
export function AdminApp() {
  return (
    <Admin
      title="app.title"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Home}
      layout={ConsoleLayout}
      requireAuth
      disableTelemetry
    >
      {(permissions: Permissions | undefined) => {
        // An office's account sees its own office only (the API confines it): no tenant list, no console accounts.
        const office = permissions?.tenantId ?? null;
        return (
          <>
            {/* The office's login migration: the review ("Configurar agora") and the activation tracker. */}
            {office && (
              <CustomRoutes>
                <Route path="/migration" element={<ReviewPage />} />
                <Route path="/activation" element={<ActivationPage />} />
              </CustomRoutes>
            )}
            <Resource name="users" {...users} />
            {office ? <Resource name="tenants" {...ownOffice} /> : <Resource name="tenants" {...tenants} />}
            <Resource name="emails" {...emails} />
            <Resource name="audit" {...audit} />
            <Resource name="invitations" />
            {/* Credentials: a viewer gets neither the menu entries nor the routes (the API refuses their reads too). */}
            {permissions?.role === 'admin' && (
              <>
                {!office && <Resource name="admins" {...admins} />}
                <Resource name="api-keys" {...apiKeys} />
                <Resource name="webhooks" {...webhooks} />
                {/* The delivery log, shown on each webhook's page (no menu entry of its own). */}
                <Resource name="webhook-deliveries" />
              </>
            )}
          </>
        );
      }}
    </Admin>
  );
}
