import { Admin, Resource } from 'react-admin';
import audit from './audit';
import { authProvider } from './auth-provider';
import { Dashboard } from './dashboard/Dashboard';
import { dataProvider } from './data-provider';
import emails from './emails';
import { i18nProvider } from './i18n';
import tenants from './tenants';
import users from './users';

/** The admin console: react-admin on the admin REST API (ra-data-simple-rest) with the session cookie. */
export function AdminApp() {
  return (
    <Admin
      title="app.title"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      requireAuth
      disableTelemetry
    >
      <Resource name="users" {...users} />
      <Resource name="tenants" {...tenants} />
      <Resource name="emails" {...emails} />
      <Resource name="audit" {...audit} />
      <Resource name="invitations" />
    </Admin>
  );
}
