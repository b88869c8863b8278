/**
 * werkzeug.user_agent: the `User-Agent` header as an object. Werkzeug no longer guesses the
 * browser: `platform`, `browser`, `version` and `language` are None, `string` is the header.
 */
export class UserAgent {
  platform: string | null = null;
  browser: string | null = null;
  version: string | null = null;
  language: string | null = null;
  constructor(readonly string: string) {}
  toString(): string {
    return this.string;
  }
  __bool__(): boolean {
    return Boolean(this.browser);
  }
  __repr__(): string {
    return `<UserAgent ${this.browser}/${this.version}>`;
  }
}
