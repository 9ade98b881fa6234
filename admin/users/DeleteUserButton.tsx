import { BulkDeleteButton, DeleteButton, useRecordContext, useTranslate } from 'react-admin';

/** DeleteButton (not DeleteWithConfirmButton) because it checks canAccess. Deleting says what goes with the user (password, links, workflow) and what stays (the audit trail). */
export function DeleteUserButton() {
  const record = useRecordContext<{ id: string; name: string }>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <DeleteButton
      mutationMode="pessimistic"
      confirmTitle={translate('resources.users.delete.title', { name: record.name })}
      confirmContent="resources.users.delete.content"
      onClick={(event) => event.stopPropagation()}
    />
  );
}

export function BulkDeleteUsersButton() {
  return <BulkDeleteButton mutationMode="pessimistic" confirmTitle="resources.users.delete.bulk_title" confirmContent="resources.users.delete.bulk_content" />;
}
