import BlockIcon from '@mui/icons-material/Block';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { AdminDataProvider, ApiKeyRecord } from '../data-provider';

/** Revokes after a confirmation that says what it does to the systems using the key; only on active keys, for platform admins. */
export function RevokeApiKeyButton() {
  const record = useRecordContext<ApiKeyRecord>();
  const { canAccess } = useCanAccess({ resource: 'api-keys', action: 'revoke', record });
  const dataProvider = useDataProvider<AdminDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const revoke = useMutation({
    mutationFn: (id: string) => dataProvider.revokeApiKey(id),
    onSuccess: () => {
      setOpen(false);
      notify('resources.api-keys.revoke.done', { type: 'info' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error' }),
  });
  if (!record || !canAccess || record.revokedAt) return null;
  return (
    // The dialog's clicks bubble through React's tree: they must not reach the list row (rowClick).
    <span onClick={(event) => event.stopPropagation()}>
      <Button label="resources.api-keys.revoke.button" color="error" onClick={() => setOpen(true)}>
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={revoke.isPending}
        title="resources.api-keys.revoke.title"
        titleTranslateOptions={{ name: record.name }}
        content="resources.api-keys.revoke.content"
        confirm="resources.api-keys.revoke.button"
        confirmColor="warning"
        onConfirm={() => revoke.mutate(record.id)}
        onClose={() => setOpen(false)}
      />
    </span>
  );
}
