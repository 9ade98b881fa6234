import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of every lifecycle, so an operator can ask the Temporal UI
 * `ActivationStatus="invited" AND StartTime < "…"` ("stuck awaiting registration for 3 days").
 * The dev server registers them at start; production registers them with
 * `temporal operator search-attribute create` (see docs/operations.md).
 */
export const ActivationStatusKey = defineSearchAttributeKey('ActivationStatus', SearchAttributeType.KEYWORD);
export const TenantIdKey = defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD);
export const UserIdKey = defineSearchAttributeKey('UserId', SearchAttributeType.KEYWORD);

export const customSearchAttributes = [ActivationStatusKey, TenantIdKey, UserIdKey];
