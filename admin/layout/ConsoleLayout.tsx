import ApartmentIcon from '@mui/icons-material/Apartment';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import { Layout, Menu, type LayoutProps } from 'react-admin';
import { useOfficeId } from '../shared/office';

/**
 * The resources' entries, as react-admin makes them; an office's account also gets its login
 * migration (the review, the activation tracker) and its own office's page.
 */
function ConsoleMenu() {
  const { officeId } = useOfficeId();
  return (
    <Menu>
      <Menu.DashboardItem primaryText={officeId ? 'office.home.title' : undefined} />
      {officeId && <Menu.Item to="/migration" primaryText="office.menu.review" leftIcon={<FactCheckIcon />} />}
      {officeId && <Menu.Item to="/activation" primaryText="office.menu.activation" leftIcon={<TrendingUpIcon />} />}
      {officeId && <Menu.Item to={`/tenants/${officeId}/show`} primaryText="app.my_office" leftIcon={<ApartmentIcon />} />}
      <Menu.ResourceItems />
    </Menu>
  );
}

export function ConsoleLayout({ children }: LayoutProps) {
  return <Layout menu={ConsoleMenu}>{children}</Layout>;
}
