import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import { lazyScreen } from '../shared/lazy-screen';

// Each screen is loaded when first shown (admin/shared/lazy-screen.ts).
const AdminCreate = lazyScreen(() => import('./AdminCreate'), 'AdminCreate');
const AdminEdit = lazyScreen(() => import('./AdminEdit'), 'AdminEdit');
const AdminList = lazyScreen(() => import('./AdminList'), 'AdminList');
const AdminShow = lazyScreen(() => import('./AdminShow'), 'AdminShow');

/** Console accounts (resource `admins`): App.tsx registers it for the admin role only. */
export default {
  list: AdminList,
  create: AdminCreate,
  edit: AdminEdit,
  show: AdminShow,
  icon: AdminPanelSettingsIcon,
  recordRepresentation: 'email',
};
