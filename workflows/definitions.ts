/**
 * Names shared by the workflow, the worker and the API: workflow ids, messages, input types.
 * Deterministic code only (imported into the workflow sandbox).
 */
import { defineQuery } from '@temporalio/workflow';

export const WORKFLOW_ID_PREFIX = 'onboarding-';

/** The business key: one workflow per hire, so a second start for the same hire cannot run twice. */
export function onboardingWorkflowId(hireId: string): string {
  return `${WORKFLOW_ID_PREFIX}${hireId}`;
}

/**
 * Workflow input carries identifiers only: names and emails stay in PostgreSQL, out of the
 * Temporal history and search attributes.
 */
export interface OnboardHireInput {
  runId: string;
  hireId: string;
}

export type RunPhase = 'PRE_BOARDING' | 'WELCOME' | 'COMPLETED';

export interface OnboardingState {
  phase: RunPhase;
  welcomeEmailSent: boolean;
}

export const getStateQuery = defineQuery<OnboardingState>('getState');
