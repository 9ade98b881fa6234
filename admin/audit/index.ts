import HistoryIcon from '@mui/icons-material/History';
import { lazyScreen } from '../shared/lazy-screen';

// Each screen is loaded when first shown (admin/shared/lazy-screen.ts).
const AuditList = lazyScreen(() => import('./AuditList'), 'AuditList');

export default {
  list: AuditList,
  icon: HistoryIcon,
  recordRepresentation: 'action',
};
