/**
 * unittest: what `import unittest` offers — TestCase and its assert methods, the decorators that
 * skip or expect failure, the loader that finds `test*` methods and modules, the suite that runs
 * them with their class fixtures, and the text runner that prints the run.
 *
 *     import { TestCase, skip, TextTestRunner, defaultTestLoader } from "python/unittest";
 */
export { SkipTest, TestCase, expectedFailure, skip, skipIf, skipUnless, _AssertRaisesContext, _SubTest } from "./case";
export { TestLoader, defaultTestLoader } from "./loader";
export { TestResult } from "./result";
export { TextTestResult, TextTestRunner } from "./runner";
export { TestSuite } from "./suite";
