/** Entry point bundled by the worker: export every workflow function here. */
export { onboardHire } from './onboard-hire.workflow';
export { techLeadDigest } from './digest.workflow';
export { verifyOnboardingAccess } from './verify-access.workflow';
export { retryAccessGrant } from './retry-grant.workflow';
export { offboardEmployee } from './offboard-employee.workflow';
