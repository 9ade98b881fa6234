import ApartmentIcon from '@mui/icons-material/Apartment';
import { TenantCreate, TenantEdit } from './TenantForm';
import { TenantList } from './TenantList';
import { TenantShow } from './TenantShow';

const tenants = {
  list: TenantList,
  create: TenantCreate,
  edit: TenantEdit,
  show: TenantShow,
  icon: ApartmentIcon,
  recordRepresentation: 'name',
};
export default tenants;

/**
 * The resource for an office's own account: its own tenant's page and settings, reached from the
 * "My office" menu entry (ConsoleMenu); no list and no creation, which are the platform's.
 */
export const ownOffice = { edit: TenantEdit, show: TenantShow, icon: ApartmentIcon, recordRepresentation: 'name' };
