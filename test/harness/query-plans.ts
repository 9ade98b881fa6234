/**
 * Reading MongoDB's explain output: the winning plan's stages, wherever 6.0 puts them (a find's
 * queryPlanner.winningPlan, its `queryPlan` when the slot-based engine runs it, an aggregation's
 * $cursor stage), and what a plan reads.
 */
export interface PlanStage {
  stage: string;
  indexName?: string;
  inputStage?: PlanStage;
  inputStages?: PlanStage[];
  queryPlan?: PlanStage;
}

/** Every winning plan in an explain output; rejected plans are left alone. */
export function winningPlans(explain: unknown): PlanStage[] {
  const plans: PlanStage[] = [];
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    for (const [key, child] of Object.entries(value)) {
      if (key === 'rejectedPlans' || key === 'allPlansExecution' || key === 'executionStats') continue;
      if (key === 'winningPlan') plans.push(child as PlanStage);
      else visit(child);
    }
  };
  visit(explain);
  return plans;
}

/** The stages of a plan tree, parents first. */
export function stagesOf(plan: PlanStage): PlanStage[] {
  const stages: PlanStage[] = [];
  const walk = (node: PlanStage | undefined) => {
    if (!node) return;
    if (node.stage) stages.push(node);
    walk(node.queryPlan);
    walk(node.inputStage);
    node.inputStages?.forEach(walk);
  };
  walk(plan);
  return stages;
}

export const allStages = (explain: unknown) => winningPlans(explain).flatMap(stagesOf);

/** "LIMIT < PROJECTION_COVERED < IXSCAN(createdAt_-1__id_-1)": a plan in one line, for failure messages. */
export const describePlan = (explain: unknown) =>
  winningPlans(explain)
    .map((plan) =>
      stagesOf(plan)
        .map((stage) => (stage.indexName ? `${stage.stage}(${stage.indexName})` : stage.stage))
        .join(' < '),
    )
    .join(' | ');

/** Keys and documents the query read, and what it returned (the first stage that ran it). */
export function executionStats(explain: unknown): { nReturned: number; totalKeysExamined: number; totalDocsExamined: number } {
  let found: { nReturned: number; totalKeysExamined: number; totalDocsExamined: number } | undefined;
  const visit = (value: unknown) => {
    if (found || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const record = value as Record<string, unknown>;
    const stats = record.executionStats as Record<string, number> | undefined;
    if (stats && typeof stats.totalKeysExamined === 'number') {
      found = { nReturned: stats.nReturned!, totalKeysExamined: stats.totalKeysExamined, totalDocsExamined: stats.totalDocsExamined! };
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(explain);
  if (!found) throw new Error('no executionStats in the explain output (explain with "executionStats")');
  return found;
}
