/** One measured number, with the goal it is held to (if any). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The goal in words, e.g. "p99 < 1 ms". */
  goal?: string;
  /** Whether `value` met the goal; absent when there is no goal. */
  pass?: boolean;
  /** Context: sample size, spread, rows matched. */
  detail?: string;
}
