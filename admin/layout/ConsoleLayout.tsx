import ApartmentIcon from '@mui/icons-material/Apartment';
import { Layout, Menu, type LayoutProps } from 'react-admin';
import { useOfficeId } from '../shared/office';

/** The resources' entries, as react-admin makes them; an office's account also gets its own office's page. */
function ConsoleMenu() {
  const { officeId } = useOfficeId();
  return (
    <Menu>
      <Menu.DashboardItem />
      {officeId && <Menu.Item to={`/tenants/${officeId}/show`} primaryText="app.my_office" leftIcon={<ApartmentIcon />} />}
      <Menu.ResourceItems />
    </Menu>
  );
}

export function ConsoleLayout({ children }: LayoutProps) {
  return <Layout menu={ConsoleMenu}>{children}</Layout>;
}
