export { AuditEventModel } from './audit-event.js';
export { CredentialModel } from './credential.js';
export { EmailLogModel } from './email-log.js';
export { InvitationModel } from './invitation.js';
export { TenantModel } from './tenant.js';
export { UserModel } from './user.js';
export { WorkerHeartbeatModel } from './worker-heartbeat.js';
export { MigrationModel } from './migration.js';
