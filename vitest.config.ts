import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: [{ find: /^django\/(.*)$/, replacement: fileURLToPath(new URL("./src/frameworks/django/$1", import.meta.url)) }],
  },
  test: {
    include: ["tests/**/*.test.ts", "src/**/*.test.ts"],
    environment: "node",
    testTimeout: 30000,
  },
});
