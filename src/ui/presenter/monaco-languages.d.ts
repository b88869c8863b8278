// Monaco ships its Monarch grammars without declarations; presenter/FrameworkSource.tsx reuses TypeScript's.
declare module "monaco-editor/languages/definitions/typescript/typescript" {
  export const conf: unknown;
  export const language: unknown;
}
