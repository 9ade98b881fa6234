import ApartmentIcon from '@mui/icons-material/Apartment';
import { lazyScreen } from '../shared/lazy-screen';

// Each screen is loaded when first shown (admin/shared/lazy-screen.ts).
const TenantCreate = lazyScreen(() => import('./TenantForm'), 'TenantCreate');
const TenantEdit = lazyScreen(() => import('./TenantForm'), 'TenantEdit');
const TenantList = lazyScreen(() => import('./TenantList'), 'TenantList');
const TenantShow = lazyScreen(() => import('./TenantShow'), 'TenantShow');

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
