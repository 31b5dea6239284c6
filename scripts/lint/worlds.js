// The worlds of the code base, enforced by lint (STYLE.md "Say which world a file lives in").
// Signal-Desktop marks a file's world in its name; Gridlink marks it by its top folder. Each
// world has an allow-list: the worlds it may import from, the packages it may import (static,
// dynamic `import()` and `require`), whether it may hold JSX, and the globals its code may read.
// Which packages end up in the installer is not a lint question: the renderer bundles its
// packages, and main's run-time ones must be package.json `dependencies`, exactly those
// (tests/unit/electron-builder.test.ts resolves main and preload with vite to check it).
//
// Two rules: `worlds/imports` and `worlds/globals`. tests/unit/scripts/lint/worlds.test.ts
// lints probe snippets and proves that each refusal fires.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import globals from 'globals';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUILTINS = new Set(builtinModules);

/**
 * The world of a repository path. `tests/support` is the shared test infrastructure (servers,
 * proxies, Chromium, the sync harness) that the benchmarks may use too.
 */
export function worldOf(repoPath) {
  const parts = repoPath.split(/[\\/]/);
  if (parts[0] === 'tests' && parts[1] === 'support') return 'tests/support';
  // A file at the top (eslint.config.js, vitest.config.ts) is tooling; `../sync` is sync/'s index.
  return parts.length > 1 || !parts[0].includes('.') ? parts[0] : 'tooling';
}

function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBuiltin(specifier) {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/** `rxdb` allows exactly `rxdb`; `rxdb/*` any subpath; `*` any package. */
function allowedPackage(specifier, patterns) {
  const bare = specifier.split('?')[0];
  return patterns.some((pattern) => pattern === '*' || pattern === bare || (pattern.endsWith('/*') && bare.startsWith(pattern.slice(0, -1))));
}

function repoPathOf(filename) {
  return relative(ROOT, filename).split(sep).join('/');
}

/** Where a module specifier points: a world (relative import) or a package. */
function classify(filename, specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = repoPathOf(resolve(dirname(filename), specifier.split('?')[0]));
    return { kind: 'file', path: target, world: worldOf(target) };
  }
  if (isBuiltin(specifier)) return { kind: 'builtin' };
  return { kind: 'package', name: packageOf(specifier) };
}

const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'a file imports only from the worlds and packages its world allows' },
    schema: [
      {
        type: 'object',
        properties: {
          world: { type: 'string' },
          worlds: { type: 'array', items: { type: 'string' } },
          deny: { type: 'array', items: { type: 'string' } },
          packages: { type: 'array', items: { type: 'string' } },
          builtins: { type: 'boolean' },
          jsx: { type: 'boolean' },
          computed: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      world: "{{world}}/ may not import from {{target}}/ ('{{specifier}}'): it imports only from {{allowed}}.",
      denied: "{{world}}/ may not import '{{specifier}}': {{target}} is not for it.",
      package: "{{world}}/ may not import the package '{{specifier}}'.",
      builtin: "{{world}}/ may not import Node's '{{specifier}}': its code also runs outside Node.",
      computed: '{{world}}/ may not import a computed specifier: lint cannot tell which world it reaches.',
      jsx: '{{world}}/ holds no JSX (.tsx): only the renderer draws.',
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const world = options.world;
    const filename = context.filename;
    const check = (node, specifier) => {
      const target = classify(filename, specifier);
      if (target.kind === 'file') {
        if (!(options.worlds ?? []).includes(target.world) && !(options.worlds ?? []).includes('*')) {
          context.report({ node, messageId: 'world', data: { world, target: target.world, specifier, allowed: (options.worlds ?? []).map((w) => `${w}/`).join(', ') } });
        } else if ((options.deny ?? []).some((prefix) => target.path === prefix || target.path.startsWith(`${prefix}/`) || target.path.startsWith(`${prefix}.`))) {
          context.report({ node, messageId: 'denied', data: { world, specifier, target: target.path } });
        }
        return;
      }
      if (target.kind === 'builtin') {
        if (!options.builtins) context.report({ node, messageId: 'builtin', data: { world, specifier } });
        return;
      }
      if (!allowedPackage(specifier, options.packages ?? [])) {
        context.report({ node, messageId: 'package', data: { world, specifier } });
        return;
      }
    };
    const source = (node) => {
      if (!node.source) return;
      if (typeof node.source.value === 'string') check(node.source, node.source.value);
    };
    const computed = (node) => {
      if (!options.computed) context.report({ node, messageId: 'computed', data: { world } });
    };
    const specifierOf = (argument) =>
      argument?.type === 'Literal' && typeof argument.value === 'string' ? argument.value
      : argument?.type === 'TemplateLiteral' && argument.expressions.length === 0 ? argument.quasis[0].value.cooked
      : null;
    return {
      Program(node) {
        if (!options.jsx && filename.endsWith('.tsx')) context.report({ node, messageId: 'jsx', data: { world } });
      },
      ImportDeclaration: (node) => source(node),
      ExportNamedDeclaration: (node) => source(node),
      ExportAllDeclaration: (node) => source(node),
      TSImportType: (node) => {
        const specifier = specifierOf(node.argument?.literal ?? node.argument);
        if (specifier) check(node, specifier);
      },
      ImportExpression(node) {
        const specifier = specifierOf(node.source);
        if (specifier === null) computed(node);
        else check(node, specifier);
      },
      CallExpression(node) {
        const callee = node.callee;
        const isRequire =
          (callee.type === 'Identifier' && callee.name === 'require') ||
          (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'require' && callee.property.name === 'resolve');
        if (!isRequire) return;
        const specifier = specifierOf(node.arguments[0]);
        if (specifier === null) computed(node);
        else check(node, specifier);
      },
    };
  },
};

const globalsRule = {
  meta: {
    type: 'problem',
    docs: { description: "a file reads only the globals its world's runtimes all have" },
    schema: [{ type: 'object', properties: { world: { type: 'string' }, allowed: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: { global: "{{world}}/ may not use the global '{{name}}': not every runtime of this world has it." },
  },
  create(context) {
    const { world, allowed = [] } = context.options[0] ?? {};
    const allow = new Set(allowed);
    return {
      'Program:exit'(node) {
        const seen = new Set();
        for (const reference of context.sourceCode.getScope(node).through) {
          // Type positions are tsc's business (each world's tsconfig has its own libs).
          if ((reference.isTypeReference && !reference.isValueReference) || inTypeQuery(reference.identifier)) continue;
          const name = reference.identifier.name;
          if (allow.has(name) || seen.has(name)) continue;
          seen.add(name);
          context.report({ node: reference.identifier, messageId: 'global', data: { world, name } });
        }
      },
    };
  },
};

/** `typeof IDBKeyRange` in a type: names a value's type, reads nothing at run time. */
function inTypeQuery(node) {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'TSTypeQuery') return true;
  return false;
}

export const worldsPlugin = { meta: { name: 'gridlink-worlds' }, rules: { imports: importsRule, globals: globalsRule } };

const ES = Object.keys(globals.es2024);
/**
 * What Chromium's renderer and Node 20 both have (the `globals` package's shared-node-browser
 * list, less what Node 20 lacks or only has behind a flag).
 */
const NOT_IN_NODE_20 = new Set(['localStorage', 'sessionStorage', 'Storage', 'navigator', 'Navigator', 'Temporal', 'URLPattern', 'WebSocket', 'CloseEvent', 'QuotaExceededError']);
export const UNIVERSAL_GLOBALS = [...ES, ...Object.keys(globals['shared-node-browser']).filter((name) => !NOT_IN_NODE_20.has(name))];
export const BROWSER_GLOBALS = [...ES, ...Object.keys(globals.browser)];
export const NODE_GLOBALS = [...ES, ...Object.keys(globals.node)];
export const ANY_GLOBALS = [...new Set([...BROWSER_GLOBALS, ...NODE_GLOBALS])];
