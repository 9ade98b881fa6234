import BlockIcon from '@mui/icons-material/Block';
import LinkIcon from '@mui/icons-material/Link';
import ReplayIcon from '@mui/icons-material/Replay';
import SendIcon from '@mui/icons-material/Send';
import SettingsBackupRestoreIcon from '@mui/icons-material/SettingsBackupRestore';
import type { ReactElement } from 'react';
import { Button, useCanAccess, useDataProvider, useListContext, useNotify, useRecordContext, useRefresh, useUnselectAll, type RaRecord } from 'react-admin';
import { useMutation } from '@tanstack/react-query';
import type { ActivationStatus } from '../../domain/activation-status';
import type { AdminDataProvider, UserAction } from '../data-provider';

/** Which lifecycle request makes sense in which state; the workflow decides in the end. */
export const actionAppliesTo: Record<UserAction, ActivationStatus[]> = {
  invite: ['staged'],
  resend: ['invited', 'expired'],
  deactivate: ['invited', 'registered', 'linking', 'active', 'expired'],
  reactivate: ['inactive'],
};

const icons: Record<UserAction, ReactElement> = {
  invite: <SendIcon />,
  resend: <ReplayIcon />,
  deactivate: <BlockIcon />,
  reactivate: <SettingsBackupRestoreIcon />,
};

function useUserActionMutation(action: UserAction, onDone?: () => void) {
  const dataProvider = useDataProvider<AdminDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (ids: string[]) => {
      const results = await Promise.allSettled(ids.map((id) => dataProvider.userAction(id, action)));
      const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      return { total: ids.length, failures };
    },
    onSuccess: ({ total, failures }) => {
      if (failures.length === 0) notify(`app.notifications.${action}`, { type: 'info', messageArgs: { smart_count: total } });
      else {
        const reason = failures[0]?.reason instanceof Error ? failures[0].reason.message : String(failures[0]?.reason);
        notify('app.notifications.partial', {
          type: failures.length === total ? 'error' : 'warning',
          messageArgs: { done: total - failures.length, total, failed: failures.length, reason },
        });
      }
      refresh();
      onDone?.();
    },
  });
}

/** One lifecycle request on the current record (row or show page); hidden when it does not apply or the role cannot write. */
export function UserActionButton({ action }: { action: UserAction }) {
  const record = useRecordContext<RaRecord<string> & { status: ActivationStatus }>();
  const { canAccess } = useCanAccess({ resource: 'users', action, record });
  const mutation = useUserActionMutation(action);
  if (!record || !canAccess || !actionAppliesTo[action].includes(record.status)) return null;
  return (
    <Button
      label={`app.actions.${action}`}
      disabled={mutation.isPending}
      onClick={(event) => {
        event.stopPropagation();
        mutation.mutate([record.id]);
      }}
    >
      {icons[action]}
    </Button>
  );
}

/**
 * "Vinculei no sistema principal": on plans with the main-system step, a registered user waits in
 * `linking` until somebody confirms the e-mail is linked there; the office does it here.
 */
export function ConfirmLoginLinkButton() {
  const record = useRecordContext<RaRecord<string> & { status: ActivationStatus }>();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'confirmLoginLink', record });
  const dataProvider = useDataProvider<AdminDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const mutation = useMutation({
    mutationFn: (userId: string) => dataProvider.confirmLoginLink(userId),
    onSuccess: () => {
      notify('office.fixes.link_confirmed', { type: 'info', messageArgs: { smart_count: 1, name: (record as { name?: string } | undefined)?.name ?? '' } });
      refresh();
    },
    onError: (error) => notify(error instanceof Error ? error.message : String(error), { type: 'error' }),
  });
  if (!record || !canAccess || record.status !== 'linking') return null;
  return (
    <Button
      label="office.fixes.confirm_link"
      disabled={mutation.isPending}
      onClick={(event) => {
        event.stopPropagation();
        mutation.mutate(record.id);
      }}
    >
      <LinkIcon />
    </Button>
  );
}

export function UserActionButtons() {
  return (
    <>
      <UserActionButton action="invite" />
      <UserActionButton action="resend" />
      <ConfirmLoginLinkButton />
      <UserActionButton action="deactivate" />
      <UserActionButton action="reactivate" />
    </>
  );
}

/** The same request for every selected user; users in a state where it does not apply are skipped. */
export function BulkUserActionButton({ action }: { action: UserAction }) {
  const { selectedIds, data, resource } = useListContext();
  const unselectAll = useUnselectAll(resource);
  const { canAccess } = useCanAccess({ resource: 'users', action });
  const mutation = useUserActionMutation(action, unselectAll);
  if (!canAccess) return null;
  const applicable = selectedIds.filter((id) => {
    const user = data?.find((record) => record.id === id) as { status?: ActivationStatus } | undefined;
    return !user?.status || actionAppliesTo[action].includes(user.status) || (action === 'resend' && user.status === 'staged');
  });
  return (
    <Button label={`app.actions.${action}`} disabled={mutation.isPending || applicable.length === 0} onClick={() => mutation.mutate(applicable.map(String))}>
      {icons[action]}
    </Button>
  );
}
