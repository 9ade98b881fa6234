import { Dashboard } from '../dashboard/Dashboard';
import { useOfficeId } from '../shared/office';
import { OfficeHome } from './OfficeHome';

/** The console's home: an office account's own (the migration and its people), the platform's dashboard otherwise. */
export function Home() {
  const { officeId, isPending } = useOfficeId();
  if (isPending) return null;
  return officeId ? <OfficeHome /> : <Dashboard />;
}
