/** The runtime worker bundle's URL (scripts/runtime-worker-bundle.ts): one classic script, fetched as text by the page. */
declare module "virtual:runtime-worker" {
  const url: string;
  export default url;
}
