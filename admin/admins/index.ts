import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import { AdminCreate } from './AdminCreate';
import { AdminEdit } from './AdminEdit';
import { AdminList } from './AdminList';
import { AdminShow } from './AdminShow';

/** Console accounts (resource `admins`): App.tsx registers it for the admin role only. */
export default {
  list: AdminList,
  create: AdminCreate,
  edit: AdminEdit,
  show: AdminShow,
  icon: AdminPanelSettingsIcon,
  recordRepresentation: 'email',
};
