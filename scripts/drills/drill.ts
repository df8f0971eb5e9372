/** What a drill is: a named scenario run against the shared system, returning what it saw. */
import type { RunTrace } from './checks';
import type { DrillSystem } from './system';

export interface DrillContext {
  /** Emails and audit events of a run that met no failure (set by the baseline drill). */
  reference?: RunTrace;
}

export interface DrillOutcome {
  /** Test cases or runs the drill went through. */
  cases: number;
  /** One line: what was done and what was measured. */
  detail: string;
  /** Broken promises (lost, duplicated, wrong status...): any makes the drill fail. */
  problems: string[];
}

export interface Drill {
  name: string;
  /** What it proves, printed before it runs. */
  claim: string;
  run(sys: DrillSystem, ctx: DrillContext): Promise<DrillOutcome>;
}
