// shelf/seed.ts — an empty shelf before the requests.
import { BOOKS, NEXT_ID } from "./index";

export function seed() {
  BOOKS.clear();
  NEXT_ID[0] = 1;
}
