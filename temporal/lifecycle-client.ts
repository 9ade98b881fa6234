import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { Config } from '../config/env.js';
import {
  USER_ACTIVATION_WORKFLOW,
  deactivateSignal,
  emailChangedSignal,
  emailFailedSignal,
  lifecycleStateQuery,
  loginLinkConfirmedSignal,
  reactivateSignal,
  registerUpdate,
  resendInvitationSignal,
  workflowIdForUser,
  type EmailFailedRequest,
  type LifecyclePolicy,
  type RegisterRequest,
  type UserActivationInput,
} from '../domain/lifecycle.js';
import { ActivationStatusKey, TenantIdKey, UserIdKey } from '../domain/search-attributes.js';

export interface LifecycleSubject {
  userId: string;
  tenantId: string;
  name: string;
  email: string;
  tenantName: string;
}

/**
 * The API's side of the lifecycle contract: start one `userActivation` per user and talk to it.
 * Starting is idempotent: the workflow id is derived from the user id and an existing run is
 * reused, so a retried request or a second migration never starts a second lifecycle.
 */
export function lifecycleClient(
  client: Client,
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'lifecycle'>,
  /** Only for a client on a worker's NativeConnection that polls the lifecycle task queue. */
  { eagerStart = false } = {},
) {
  const handle = (userId: string) => client.workflow.getHandle(workflowIdForUser(userId));

  return {
    /**
     * `policy` is the timing the lifecycle follows for good; by default this process's
     * configuration. A migration passes the policy its run was started with, so its lifecycles
     * follow the API's configuration even though the worker's client starts them.
     */
    async start(subject: LifecycleSubject, policy: LifecyclePolicy = config.lifecycle) {
      const input: UserActivationInput = {
        userId: subject.userId,
        tenantId: subject.tenantId,
        userLabel: `${subject.name} <${subject.email}>`,
        tenantLabel: subject.tenantName,
        policy,
      };
      return client.workflow.start(USER_ACTIVATION_WORKFLOW, {
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowId: workflowIdForUser(subject.userId),
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        typedSearchAttributes: [
          { key: ActivationStatusKey, value: 'staged' },
          { key: TenantIdKey, value: subject.tenantId },
          { key: UserIdKey, value: subject.userId },
        ],
        staticSummary: `Activation of ${subject.name} <${subject.email}> — tenant ${subject.tenantName}`,
        staticDetails: `user id ${subject.userId}, tenant id ${subject.tenantId}`,
        requestEagerStart: eagerStart,
      });
    },
    state: (userId: string) => handle(userId).query(lifecycleStateQuery),
    register: (userId: string, request: RegisterRequest) => handle(userId).executeUpdate(registerUpdate, { args: [request] }),
    resend: (userId: string) => handle(userId).signal(resendInvitationSignal),
    emailChanged: (userId: string) => handle(userId).signal(emailChangedSignal),
    deactivate: (userId: string, reason?: string) => handle(userId).signal(deactivateSignal, { reason }),
    reactivate: (userId: string) => handle(userId).signal(reactivateSignal),
    confirmLoginLink: (userId: string) => handle(userId).signal(loginLinkConfirmedSignal),
    emailFailed: (userId: string, request: EmailFailedRequest) => handle(userId).signal(emailFailedSignal, request),
    /** Deleting a user ends its lifecycle; the audit trail keeps the fact. */
    end: (userId: string, reason: string) => handle(userId).terminate(reason),
  };
}

export type LifecycleClient = ReturnType<typeof lifecycleClient>;
