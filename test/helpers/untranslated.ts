/**
 * Finds user-visible English written straight into src/ instead of the message catalog: string
 * literals (and templates) given to the places whose text reaches a person. Shared by the
 * i18n literal test and `npx tsx scripts/untranslated.ts` (which prints the list).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** Error classes whose message and hint reach stderr; the value is the index of the first prose argument. */
const ERROR_CLASSES: Record<string, number> = {
  UsageError: 0,
  ConfigError: 2,
  InputError: 1,
  RemoteError: 0,
  LockHeldError: 0,
  ThresholdBreachedError: 0,
  InterruptedError: 0,
  NotifyError: 2,
  PeriodSyntaxError: 0,
  TaobaoExportError: 0,
};
/** Logger methods: their first argument is a stderr line. */
const LOG_METHODS = new Set(["info", "warn", "error"]);
/** Arrays whose items are printed: notes and warnings of a report. */
const PRINTED_ARRAYS = new Set(["notes", "warnings"]);
/** Properties whose value is a heading or label in a rendered document. */
const LABEL_PROPERTIES = new Set(["title", "label", "subtitle", "name"]);
/** Files that render documents for people: their labels count (services/present-*, ui/). */
const DOCUMENT_FILE = /^src\/(services\/present-[^/]+|ui\/[^/]+|services\/digest-files)\.ts$/;
/** Functions and methods that record a row issue or a refusal: every argument may be prose (catalog rows, attributes, notify channels). */
const ISSUE_CALLS = new Set(["issue", "refused"]);
/** Properties whose value reaches a person as a problem, a hint or a message, in core and adapters. */
const PROSE_PROPERTIES = new Set(["problem", "hint", "message"]);
/** Where those properties are user text (elsewhere `message` is often a log or an Error's own field). */
const PROSE_PROPERTY_FILE = /^src\/(core|adapters)\//;

export interface Finding {
  file: string;
  line: number;
  sink: string;
  text: string;
}

/** English prose: a word of three letters or more outside placeholders ("ok" and ids like SKU aside). */
function isProse(text: string): boolean {
  const words = text.replace(/\$\{[^}]*\}/g, " ").match(/[A-Za-z]{3,}/g) ?? [];
  return words.some((w) => /[a-z]/.test(w));
}

/** The static text of a literal, template or `cond ? a : b` (both branches), or undefined when it is no literal. */
function literalTexts(node: ts.Expression): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text + node.templateSpans.map((s) => `\${}${s.literal.text}`).join("")];
  if (ts.isParenthesizedExpression(node)) return literalTexts(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return [...literalTexts(node.left), ...literalTexts(node.right)];
  return [];
}

/** The name a call is made by: `issue(...)` or `this.issue(...)` both give "issue". */
function calleeName(node: ts.CallExpression): string | undefined {
  if (ts.isIdentifier(node.expression)) return node.expression.text;
  if (ts.isPropertyAccessExpression(node.expression)) return node.expression.name.text;
  return undefined;
}

function walkFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walkFiles(p, out);
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

export function findUntranslated(root: string): Finding[] {
  const findings: Finding[] = [];
  for (const path of walkFiles(join(root, "src"))) {
    const file = relative(root, path).split("\\").join("/");
    if (file.startsWith("src/core/i18n/")) continue;
    const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true);
    // sentence: only texts of two words or more count (an issue's field id, "warning", "empty" are no prose).
    const report = (node: ts.Expression | undefined, sink: string, sentence = false) => {
      if (!node) return;
      for (const text of literalTexts(node)) {
        if (!isProse(text) || (sentence && !/\S\s+\S/.test(text))) continue;
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        findings.push({ file, line, sink, text });
      }
    };
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
        const first = ERROR_CLASSES[node.expression.text];
        if (first !== undefined) for (const a of (node.arguments ?? []).slice(first)) report(a, `new ${node.expression.text}`);
      } else if (ts.isCallExpression(node) && ISSUE_CALLS.has(calleeName(node) ?? "")) {
        for (const a of node.arguments) report(a, "issue()", true);
      } else if (
        PROSE_PROPERTY_FILE.test(file) &&
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        PROSE_PROPERTIES.has(node.name.text)
      ) {
        report(node.initializer, `${node.name.text}:`, true);
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const receiver = node.expression.expression.getText(source);
        if (LOG_METHODS.has(method) && /(^|\.)(log|logger)$/.test(receiver)) report(node.arguments[0], `log.${method}`);
        if (method === "push" && PRINTED_ARRAYS.has(receiver.split(".").pop() ?? ""))
          for (const a of node.arguments) report(a, `${receiver}.push`);
      } else if (
        DOCUMENT_FILE.test(file) &&
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        LABEL_PROPERTIES.has(node.name.text)
      ) {
        report(node.initializer, node.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}

/** A finding's identity in the baseline: file and text, not the line (lines move with every edit). */
export const findingKey = (f: Finding) => `${f.file} :: ${f.text}`;
