/** The framework's declarations, generated at build time by scripts/framework-dts.ts: Monaco URI → `.d.ts` text. */
declare module "virtual:framework-dts" {
  const libs: Record<string, string>;
  export default libs;
}
