/**
 * django.contrib.auth.validators: a username → nothing, or ValidationError("Enter a valid username…").
 *
 * `UnicodeUsernameValidator` (AbstractUser's default) accepts letters and digits of any script plus
 * `@ . + - _` (Python's `^[\w.@+-]+\Z`); `ASCIIUsernameValidator` only ASCII ones (`re.ASCII`).
 */
import { RegexValidator } from "../../core/validators";
import { ASCII } from "../../../python/re";

export class UnicodeUsernameValidator extends RegexValidator {
  constructor() {
    super("^[\\w.@+-]+\\Z", {
      message: "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
      flags: 0,
    });
  }
}

export class ASCIIUsernameValidator extends RegexValidator {
  constructor() {
    super("^[\\w.@+-]+\\Z", {
      message: "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z letters, numbers, and @/./+/-/_ characters.",
      flags: ASCII,
    });
  }
}
