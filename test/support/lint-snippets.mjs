// Lints source snippets as if they were files of the project, with the project's eslint.config.mjs,
// and prints `line:rule` for each problem, one list per snippet, as JSON. A separate process
// because ESLint loads its configuration with a dynamic import, which jest's module system does
// not run. Usage: node lint-snippets.mjs '[{"filePath":"src/core/x.ts","code":"…"}]'
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const snippets = JSON.parse(process.argv[2] ?? '[]');
const eslint = new ESLint({
  cwd: fileURLToPath(new URL('../..', import.meta.url)),
  // The snippets are not files of the TypeScript project, so they have no type information: the
  // rules that need it are off (the layer rules need none).
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});
const results = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push((result?.messages ?? []).map((m) => `${m.line}:${m.ruleId ?? 'parse'}`));
}
process.stdout.write(JSON.stringify(results));
