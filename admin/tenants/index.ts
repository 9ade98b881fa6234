import ApartmentIcon from '@mui/icons-material/Apartment';
import { TenantCreate, TenantEdit } from './TenantForm';
import { TenantList } from './TenantList';
import { TenantShow } from './TenantShow';

export default {
  list: TenantList,
  create: TenantCreate,
  edit: TenantEdit,
  show: TenantShow,
  icon: ApartmentIcon,
  recordRepresentation: 'name',
};
