// ESLint flat config: the JS recommended rules and typescript-eslint's recommended rules over the
// project's TypeScript and JavaScript. Types themselves are checked by `npm run check` (astro
// check, which also covers .astro files); this catches what the compiler does not.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', '.astro/**', 'node_modules/**', 'public/data/**', 'public/typecheck/**', 'coverage/**', 'src/engine/wasm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks }, // Preact hooks follow the same rules
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // allowed at boundaries (mathjs values, test doubles); prefer real types elsewhere
      '@typescript-eslint/no-explicit-any': 'warn',
      // `_x` marks a deliberately unused parameter or binding
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // code cells run in the notebook runtime, which provides these names
    files: ['content/cells/**'],
    languageOptions: { globals: { Plot: 'readonly', display: 'readonly', show: 'readonly' } },
    // a cell's last expression is its displayed value
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
