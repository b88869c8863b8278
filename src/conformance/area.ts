/**
 * The contract between the conformance runner and one area's replayer.
 *
 * A corpus file (`<area>.json`) holds file-level fixtures and `cases`; an area replayer gets the
 * whole file once (to build fixtures) and then each case, and answers pass/fail with a message
 * saying what differed. A case it cannot replay yet is a failure with a message, never a skip.
 */

export interface CorpusCase {
  id: string;
  tags?: string[];
  input: any;
  expect: any;
}

export interface CorpusFile {
  area: string;
  cases: CorpusCase[];
  [fixture: string]: any;
}

export interface CaseResult {
  passed: boolean;
  message: string;
}

export interface AreaReplayer {
  /** Prepare once per file (fixtures, settings); returns the per-case replay function. */
  prepare(file: CorpusFile): Promise<(c: CorpusCase) => Promise<CaseResult> | CaseResult> | ((c: CorpusCase) => Promise<CaseResult> | CaseResult);
}
