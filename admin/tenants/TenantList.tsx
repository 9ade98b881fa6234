import { BooleanField, Datagrid, EditButton, FunctionField, List, SearchInput, SelectInput, TextField, useTranslate } from 'react-admin';
import { useSpreadsheetExporter } from '../shared/spreadsheet-exporter';
import type { Plan } from '../../domain/tenant';
import { useChoices } from '../shared/choices';
import { LocalDateField } from '../shared/dates';

export function TenantList() {
  const exporter = useSpreadsheetExporter('tenants');
  const translate = useTranslate();
  const { plans } = useChoices();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.tenants.fields.q')} />,
    <SelectInput key="plan" source="plan" choices={plans} alwaysOn />,
  ];
  return (
    <List exporter={exporter} filters={filters} sort={{ field: 'name', order: 'ASC' }} perPage={25}>
      <Datagrid rowClick="show">
        <TextField source="name" />
        <FunctionField<{ plan: Plan }> source="plan" render={(record) => translate(`plans.${record.plan}`)} />
        <BooleanField source="requiresLoginLink" sortable={false} />
        <LocalDateField source="createdAt" />
        <EditButton />
      </Datagrid>
    </List>
  );
}
