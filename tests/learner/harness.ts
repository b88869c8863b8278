/**
 * Learner projects as tests: a project folder (site/ in TypeScript, twin/ in Python, the shared
 * requests.json, and recorded.json from real Django 5.2.17) → the lab's responses to the same
 * requests, compared one by one after normalising only what differs by nature between two runs:
 * CSRF tokens, session keys, password hashes and the current time.
 *
 * The lab side does what a learner does on the page: load the files, makemigrations for the
 * project's own apps, migrate, run seed.seed(), then send the requests with one cookie jar
 * (src/scenarios/client.ts). A form value "{csrf}" becomes the csrfmiddlewaretoken of the last
 * HTML page that had one (else the csrftoken cookie), exactly as tests/learner/record.py does.
 * A request with "link" goes where that pattern's group points in its last match in the latest
 * response that has one: the link a learner copies out of an email (a password-reset token differs
 * between the two runs, so the target cannot be written down).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { CookieJar, build_request } from "../../src/scenarios/client";
import type { ScenarioRequest } from "../../src/scenarios/format";

export const PROJECTS = join(import.meta.dirname, "projects");

export interface RecordedResponse {
  request: string;
  status: number;
  content_type: string | null;
  location: string | null;
  body: string;
}

export interface LearnerRequest extends ScenarioRequest {
  /** Apps whose migrations the lab should make (default: every app folder with a models.ts). */
  app_labels?: string[];
  /** A regular expression with one group: the target is its text in an earlier response ("target" only labels it). */
  link?: string;
}

/**
 * The link a learner copies: the pattern's group in its last match in the latest body that has one
 * (none → a path no project routes, so the response differs from the recorded one and says why).
 */
export function link_target(pattern: string, bodies: string[]): string {
  for (let i = bodies.length - 1; i >= 0; i--) {
    const found = [...bodies[i].matchAll(new RegExp(pattern, "g"))];
    if (found.length) return found[found.length - 1][1];
  }
  return `/no-link-found/?pattern=${encodeURIComponent(pattern)}`;
}

export function project_names(): string[] {
  return readdirSync(PROJECTS).filter((name) => statSync(join(PROJECTS, name)).isDirectory()).sort();
}

function read_tree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(root, full)] = readFileSync(full, "utf8");
    }
  };
  walk(root);
  return files;
}

export interface LearnerRun {
  recorded: RecordedResponse[];
  actual: RecordedResponse[];
}

const TOKEN = /name="csrfmiddlewaretoken" value="([^"]+)"/;

/** Load, migrate, seed and replay one project; returns both sides' responses. */
export async function run_project(name: string): Promise<LearnerRun> {
  const folder = join(PROJECTS, name);
  const files = read_tree(join(folder, "site"));
  const settings_module = Object.keys(files).find((p) => p.endsWith("/settings.ts"))!.replace(/\.ts$/, "").replace(/\//g, ".");
  const requests: LearnerRequest[] = JSON.parse(readFileSync(join(folder, "requests.json"), "utf8"));
  const recorded: RecordedResponse[] = JSON.parse(readFileSync(join(folder, "recorded.json"), "utf8")).responses;
  const runtime = await HeadlessRuntime.create({ trace: false });
  const entry = { kind: "django" as const, settings: settings_module };
  const first = await runtime.load({ entry, files });
  if (!first.ok) throw new Error(`${name}: load failed: ${first.error.type}: ${first.error.message}`);
  const apps = [...new Set(Object.keys(files).filter((p) => /^[^/]+\/models\.ts$/.test(p)).map((p) => p.split("/")[0]))];
  const made = await runtime.command({ command: "makemigrations", app_labels: apps });
  if (!made.ok) throw new Error(`${name}: makemigrations failed: ${made.error.type}: ${made.error.message}`);
  const setup = [{ command: "migrate" as const }, ...("seed.ts" in files ? [{ command: "call" as const, function: "seed.seed" }] : [])];
  const loaded = await runtime.load({ entry, files: { ...files, ...made.files }, setup });
  if (!loaded.ok) throw new Error(`${name}: migrate/seed failed: ${loaded.error.type}: ${loaded.error.message}`);
  const jar = new CookieJar();
  let last_token: string | null = null;
  const actual: RecordedResponse[] = [];
  const bodies: string[] = [];
  for (const spec of requests) {
    const token = last_token ?? jar.get("csrftoken") ?? "";
    const form = spec.form && Object.fromEntries(Object.entries(spec.form).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (x === "{csrf}" ? token : x)) : v === "{csrf}" ? token : v]));
    const target = spec.link ? link_target(spec.link, bodies) : spec.target;
    const request = build_request({ ...spec, target, ...(form ? { form } : {}) }, spec.no_cookies ? null : jar);
    const { response } = await runtime.request(request);
    if (!spec.no_cookies) jar.store_response(response);
    const body = new TextDecoder().decode(response.body);
    bodies.push(body);
    const found = TOKEN.exec(body);
    if (found) last_token = found[1];
    const header = (n: string) => response.headers.find(([k]) => k.toLowerCase() === n)?.[1] ?? null;
    actual.push({ request: `${spec.method} ${spec.target}`, status: response.status, content_type: header("content-type"), location: header("location"), body });
  }
  return { recorded, actual };
}

const MONTHS = "Jan\\.|Feb\\.|March|April|May|June|July|Aug\\.|Sept\\.|Oct\\.|Nov\\.|Dec\\.";

/**
 * The only differences allowed: CSRF tokens (masked 64-character tokens and their 32-character
 * secrets), session keys, password hashes, password-reset tokens (the time in base 36, a dash, 32
 * hex digits that hash the password's salt), and times near now (ISO dates and datetimes, also
 * URL-encoded, Django's default DATETIME_FORMAT, and times of day) — projects seed fixed dates in
 * earlier years for everything else.
 */
export function normalise(text: string | null, today: Date = new Date()): string | null {
  if (text === null) return null;
  const y = today.getUTCFullYear();
  // Dates in the years around now come from the clock (a seed's "now minus two hours", the date
  // filter's "Today" link): both runs print their own day.
  const near = (m: string) => [y - 1, y, y + 1].some((year) => m.startsWith(String(year)));
  return text
    .replace(/(csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}/g, "$1<csrf>")
    .replace(/\b[0-9a-z]{1,13}-[0-9a-f]{32}\b/g, "<reset-token>")
    .replace(/\b[A-Za-z0-9]{64}\b/g, "<csrf>")
    .replace(/\b[a-z0-9]{32}\b/g, "<key>")
    .replace(/(pbkdf2_sha256|md5|argon2|bcrypt_sha256)\$[^\s"<&]+/g, "$1$<hash>")
    .replace(/\d{4}-\d\d-\d\d(\+|%20)\d\d%3A\d\d%3A\d\d(%2B\d\d%3A\d\d)?/g, (m) => (near(m) ? "<now>" : m))
    .replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?/g, (m) => (near(m) ? "<now>" : m))
    .replace(/\b\d{4}-\d\d-\d\d\b/g, (m) => (near(m) ? "<date>" : m))
    .replace(new RegExp(`(${MONTHS}) \\d{1,2}, (${y - 1}|${y}|${y + 1})(, \\d{1,2}(:\\d\\d)? (a\\.m\\.|p\\.m\\.)|, (midnight|noon))?`, "g"), "<now>")
    .replace(/\d\d:\d\d:\d\d/g, "<time>");
}

export function same(a: RecordedResponse, b: RecordedResponse): boolean {
  return a.status === b.status && a.content_type === b.content_type && a.location === b.location && normalise(a.body) === normalise(b.body);
}
