/**
 * Builds the `_design/gridlink` doc whose validate_doc_update enforces the write rules on the
 * server. Its source is the app's own rule core (core/rules/writeRules.ts) compiled to ES5 with
 * TypeScript, `export`s stripped, and the rule spec (required fields, Chinese messages)
 * embedded as JSON: no imports, so it runs on QuickJS, SpiderMonkey and pouchdb-server alike,
 * and the server's refusal text is the app's explanation, word for word.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ruleSpec } from '../core/rules';

export const DESIGN_DOC_ID = '_design/gridlink';

export const RULES_SOURCE_PATH = fileURLToPath(new URL('../core/rules/writeRules.ts', import.meta.url));

export interface GridlinkDesignDoc {
  _id: string;
  _rev?: string;
  language: 'javascript';
  validate_doc_update: string;
  /** sha256 of validate_doc_update: lets IT see at a glance which rules a database runs. */
  rulesHash: string;
}

/** Removes `export` from declarations: the design doc function is one plain script. */
const stripExports: ts.TransformerFactory<ts.SourceFile> = (context) => (sourceFile) => {
  const withoutExport = (modifiers: ts.NodeArray<ts.ModifierLike> | undefined) =>
    modifiers?.filter((modifier) => modifier.kind !== ts.SyntaxKind.ExportKeyword);
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isFunctionDeclaration(node)) {
      return context.factory.updateFunctionDeclaration(
        node, withoutExport(node.modifiers), node.asteriskToken, node.name, node.typeParameters, node.parameters, node.type, node.body,
      );
    }
    if (ts.isVariableStatement(node)) {
      return context.factory.updateVariableStatement(node, withoutExport(node.modifiers), node.declarationList);
    }
    return node;
  };
  return ts.visitEachChild(sourceFile, visit, context);
};

/** The rule core as ES5 statements (function and var declarations), no module syntax. */
export function compileRuleCore(source = readFileSync(RULES_SOURCE_PATH, 'utf8')): string {
  const output = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.ESNext, removeComments: true, importHelpers: false },
    transformers: { before: [stripExports] },
    reportDiagnostics: true,
  });
  const problems = output.diagnostics ?? [];
  if (problems.length > 0) throw new Error(`rule core does not compile: ${ts.flattenDiagnosticMessageText(problems[0].messageText, '\n')}`);
  const code = output.outputText.replace(/^export \{\};?\s*$/m, '').replace(/\/\/# sourceMappingURL=.*$/m, '').trim();
  // Module syntax or a require call, not the words inside a string (the audit action 'export').
  if (/(^|[\s;])(import|export)[\s{*(]|\brequire\s*\(/m.test(code)) throw new Error('rule core must not import, export or require anything');
  return code;
}

/**
 * Type-checks the rule core against the ES5 standard library only, so a call such as
 * `Array#includes` (missing on ES5-only engines) fails here rather than on a district's server.
 */
export function checkRuleCoreUsesOnlyES5(path = RULES_SOURCE_PATH): string[] {
  const program = ts.createProgram([path], {
    target: ts.ScriptTarget.ES5,
    lib: ['lib.es5.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? d.file.fileName.split('/').pop() : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** The validate_doc_update function source. */
export function buildValidateDocUpdate(): string {
  const spec = JSON.stringify(ruleSpec());
  return [
    'function (newDoc, oldDoc, userCtx, secObj) {',
    compileRuleCore(),
    `var spec = ${spec};`,
    'var found = evaluateWrite(newDoc, oldDoc, userCtx, spec, null, secObj || null);',
    'if (found) { throw({ forbidden: formatVerdict(found, spec) }); }',
    '}',
  ].join('\n');
}

let cached: GridlinkDesignDoc | null = null;

export function gridlinkDesignDoc(): GridlinkDesignDoc {
  if (!cached) {
    const source = buildValidateDocUpdate();
    cached = {
      _id: DESIGN_DOC_ID,
      language: 'javascript',
      validate_doc_update: source,
      rulesHash: createHash('sha256').update(source).digest('hex'),
    };
  }
  return cached;
}
