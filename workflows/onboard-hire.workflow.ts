/**
 * The onboarding journey of one hire. Deterministic: side effects run in activities, which also
 * project every state change into PostgreSQL (the API's read model).
 */
import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { getStateQuery, type OnboardHireInput, type OnboardingState } from './definitions';

const { recordRunProgress, sendWelcomeEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function onboardHire(input: OnboardHireInput): Promise<OnboardingState> {
  const state: OnboardingState = { phase: 'PRE_BOARDING', welcomeEmailSent: false };
  setHandler(getStateQuery, () => state);

  await recordRunProgress({ runId: input.runId, status: 'RUNNING', phase: state.phase });

  state.phase = 'WELCOME';
  await sendWelcomeEmail({ runId: input.runId, idempotencyKey: `${input.runId}:welcome:1` });
  state.welcomeEmailSent = true;

  state.phase = 'COMPLETED';
  await recordRunProgress({ runId: input.runId, status: 'COMPLETED', phase: state.phase });
  return state;
}
