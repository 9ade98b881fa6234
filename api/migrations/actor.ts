/** Who made a change, as the audit trail records it. */
export interface Actor {
  type: 'admin' | 'integration' | 'system' | 'user';
  id: string | null;
  label: string | null;
}
