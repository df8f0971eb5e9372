/** Progress of a run: steps done over the number of steps in its plan snapshot (all phases). */

/** Counts `phases[].steps[]` of a stored plan definition; 0 when it has none. */
export function planStepCount(definition: unknown): number {
  const phases = (definition as { phases?: unknown } | null)?.phases;
  if (!Array.isArray(phases)) return 0;
  return phases.reduce<number>((total, phase) => {
    const steps = (phase as { steps?: unknown } | null)?.steps;
    return total + (Array.isArray(steps) ? steps.length : 0);
  }, 0);
}

export function progressPercent(doneSteps: number, totalSteps: number): number {
  if (totalSteps <= 0) return 0;
  return Math.min(100, Math.round((doneSteps * 100) / totalSteps));
}
