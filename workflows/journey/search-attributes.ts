/**
 * Custom search attributes that make runs filterable in the Temporal UI. Ids and enums only:
 * never names or emails. They must be registered on the namespace (see docs/temporal.md).
 */
export const SA_PHASE = 'OnboardingPhase';
export const SA_STATUS = 'OnboardingStatus';
export const SA_TECH_LEAD = 'OnboardingTechLead';

export const SEARCH_ATTRIBUTES: Record<string, 'Keyword'> = {
  [SA_PHASE]: 'Keyword',
  [SA_STATUS]: 'Keyword',
  [SA_TECH_LEAD]: 'Keyword',
};
