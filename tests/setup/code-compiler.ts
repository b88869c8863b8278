// Tests run framework code headless: install the runtime's code compiler as the worker does (ADR 0016).
import { install_code_compiler } from "../../src/runtime/code-compiler";

install_code_compiler();
