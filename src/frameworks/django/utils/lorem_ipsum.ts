/**
 * django.utils.lorem_ipsum: placeholder Latin for `{% lorem %}`. The first paragraph (and the first
 * nineteen words) are always the classic "Lorem ipsum dolor sit amet…"; the rest is random.
 */
export const COMMON_P =
  "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.";

export const COMMON_WORDS = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipisicing", "elit", "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua"];

export const WORDS = (
  "exercitationem perferendis perspiciatis laborum eveniet sunt iure nam nobis eum cum officiis excepturi odio consectetur quasi aut quisquam vel eligendi " +
  "itaque non odit tempore quaerat dignissimos facilis neque nihil expedita vitae vero ipsum nisi animi cumque pariatur velit modi natus iusto eaque sequi " +
  "illo sed ex et voluptatibus tempora veritatis ratione assumenda incidunt nostrum placeat aliquid fuga provident praesentium rem necessitatibus suscipit " +
  "adipisci quidem possimus voluptas debitis sint accusantium unde sapiente voluptate qui aspernatur laudantium soluta amet quo aliquam saepe culpa libero " +
  "ipsa dicta reiciendis nesciunt doloribus autem impedit minima maiores repudiandae ipsam obcaecati ullam enim totam delectus ducimus quis voluptates " +
  "dolores molestiae harum dolorem quia voluptatem molestias magni distinctio omnis illum dolorum voluptatum ea quas quam corporis quae blanditiis atque " +
  "deserunt laboriosam earum consequuntur hic cupiditate quibusdam accusamus ut rerum error minus eius ab ad nemo fugit officia at in id quos reprehenderit " +
  "numquam iste fugiat sit inventore beatae repellendus magnam recusandae quod explicabo doloremque aperiam consequatur asperiores commodi optio dolor " +
  "labore temporibus repellat veniam architecto est esse mollitia nulla a similique eos alias dolore tenetur deleniti porro facere maxime corrupti"
).split(" ");

function sample<T>(items: T[], k: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  for (let i = 0; i < k && pool.length; i++) out.push(...pool.splice(Math.floor(Math.random() * pool.length), 1));
  return out;
}

function randint(a: number, b: number): number {
  return a + Math.floor(Math.random() * (b - a + 1));
}

/** A random sentence: capitalized, comma-separated word groups, ending in `.` or `?`. */
export function sentence(): string {
  const sections = Array.from({ length: randint(1, 5) }, () => sample(WORDS, randint(3, 12)).join(" "));
  const s = sections.join(", ");
  return `${s[0].toUpperCase()}${s.slice(1)}${Math.random() < 0.5 ? "?" : "."}`;
}

export function paragraph(): string {
  return Array.from({ length: randint(1, 4) }, sentence).join(" ");
}

/** `count` paragraphs; the first is the classic one when `common`. */
export function paragraphs(count: number, common = true): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => (common && i === 0 ? COMMON_P : paragraph()));
}

/** `count` words; the classic ones first when `common`. */
export function words(count: number, common = true): string {
  let word_list = common ? [...COMMON_WORDS] : [];
  const c = word_list.length;
  if (count > c) {
    let remaining = count - c;
    while (remaining > 0) {
      const n = Math.min(remaining, WORDS.length);
      remaining -= n;
      word_list = word_list.concat(sample(WORDS, n));
    }
  } else {
    word_list = word_list.slice(0, Math.max(0, count));
  }
  return word_list.join(" ");
}
