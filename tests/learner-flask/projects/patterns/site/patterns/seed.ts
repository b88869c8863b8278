// patterns/seed.ts — nothing to set up: the patterns keep their data in memory.
export function seed() {}
