import LockResetIcon from '@mui/icons-material/LockReset';
import { useState } from 'react';
import { Button, useCanAccess, useRecordContext } from 'react-admin';
import type { AdminAccount } from '../data-provider';
import { ResetPasswordDialog } from './ResetPasswordDialog';

/** On an account's page, for platform admins only (the same rule as editing: auth-provider canAccess). */
export function ResetPasswordButton() {
  const record = useRecordContext<AdminAccount>();
  const { canAccess } = useCanAccess({ resource: 'admins', action: 'edit', record });
  const [open, setOpen] = useState(false);
  if (!record || !canAccess) return null;
  return (
    <>
      <Button label="resources.admins.reset_password.button" onClick={() => setOpen(true)}>
        <LockResetIcon />
      </Button>
      {open && <ResetPasswordDialog account={record} onClose={() => setOpen(false)} />}
    </>
  );
}
