// quickstart/seed.ts — nothing to set up: the quickstart keeps no data.
export function seed() {}
