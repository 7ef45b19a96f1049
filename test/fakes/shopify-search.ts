/**
 * Shopify's search syntax as the fake Shopify server understands it (the `query:` argument of
 * `products` and `orders`): `field:value`, `field:>=value` (also >, <, <=), quoted values ('…' or
 * "…"), implicit AND between terms, explicit AND / OR, NOT or a leading `-`, and parentheses. A
 * bare word searches the resource's default text. Unknown fields are ignored with a warning, as
 * Shopify does (it reports them in `extensions.search`).
 */

export type Comparator = ":" | ":>" | ":>=" | ":<" | ":<=";

export type SearchNode =
  | { kind: "and" | "or"; parts: SearchNode[] }
  | { kind: "not"; part: SearchNode }
  | { kind: "term"; field: string | undefined; op: Comparator; value: string };

interface Token {
  type: "lparen" | "rparen" | "word";
  text: string;
  quoted?: boolean;
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "(" || c === ")") {
      tokens.push({ type: c === "(" ? "lparen" : "rparen", text: c });
      i++;
      continue;
    }
    // A word runs to whitespace or a parenthesis, except inside quotes ("sku:'A B'").
    let text = "";
    let quoted = false;
    while (i < query.length) {
      const ch = query.charAt(i);
      if (ch === '"' || ch === "'") {
        quoted = true;
        const close = query.indexOf(ch, i + 1);
        const end = close < 0 ? query.length : close;
        text += query.slice(i + 1, end).replace(/\\(.)/g, "$1");
        i = end + 1;
        continue;
      }
      if (/\s/.test(ch) || ch === "(" || ch === ")") break;
      text += ch;
      i++;
    }
    tokens.push({ type: "word", text, quoted });
  }
  return tokens;
}

function termOf(token: Token): SearchNode {
  const m = /^([a-z_][a-z0-9_.]*):(>=|<=|>|<)?(.*)$/i.exec(token.text);
  if (!m) return { kind: "term", field: undefined, op: ":", value: token.text };
  const op = `:${m[2] ?? ""}` as Comparator;
  return { kind: "term", field: (m[1] as string).toLowerCase(), op, value: m[3] ?? "" };
}

export function parseSearch(query: string): SearchNode {
  const tokens = tokenize(query);
  let pos = 0;
  const peek = () => tokens[pos];

  function parseOr(): SearchNode {
    const parts = [parseAnd()];
    while (peek()?.type === "word" && peek()?.text === "OR" && !peek()?.quoted) {
      pos++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? (parts[0] as SearchNode) : { kind: "or", parts };
  }

  function parseAnd(): SearchNode {
    const parts: SearchNode[] = [];
    for (;;) {
      const t = peek();
      if (!t || t.type === "rparen" || (t.type === "word" && t.text === "OR" && !t.quoted)) break;
      if (t.type === "word" && t.text === "AND" && !t.quoted) {
        pos++;
        continue;
      }
      parts.push(parseUnary());
    }
    if (parts.length === 0) return { kind: "and", parts: [] };
    return parts.length === 1 ? (parts[0] as SearchNode) : { kind: "and", parts };
  }

  function parseUnary(): SearchNode {
    const t = peek() as Token;
    if (t.type === "word" && t.text === "NOT" && !t.quoted) {
      pos++;
      return { kind: "not", part: parseUnary() };
    }
    if (t.type === "lparen") {
      pos++;
      const inner = parseOr();
      if (peek()?.type === "rparen") pos++;
      return inner;
    }
    pos++;
    if (t.type === "rparen") return { kind: "and", parts: [] };
    if (t.text.startsWith("-") && t.text.length > 1 && !t.quoted) return { kind: "not", part: termOf({ ...t, text: t.text.slice(1) }) };
    return termOf(t);
  }

  const tree = parseOr();
  return tree;
}

/** How a resource answers a field: the value(s) it holds for it ("default" = the bare-word text search). */
export type FieldReader<T> = (item: T, field: string) => (string | number | boolean | null)[];

function compare(held: string | number | boolean | null, op: Comparator, wanted: string): boolean {
  if (held === null) return false;
  if (typeof held === "boolean") return op === ":" && String(held) === wanted.toLowerCase();
  const isDate = typeof held === "string" && /^\d{4}-\d{2}-\d{2}/.test(held) && /^\d{4}-\d{2}-\d{2}/.test(wanted);
  if (isDate || typeof held === "number") {
    const a = isDate ? Date.parse(held as string) : (held as number);
    let b = isDate ? Date.parse(wanted) : Number(wanted);
    // A bare day ("2026-01-01") compares as that whole day for ":" and as its start otherwise.
    if (isDate && /^\d{4}-\d{2}-\d{2}$/.test(wanted) && op === ":") return new Date(a).toISOString().slice(0, 10) === wanted;
    if (Number.isNaN(b)) b = Number.NaN;
    switch (op) {
      case ":":
        return a === b;
      case ":>":
        return a > b;
      case ":>=":
        return a >= b;
      case ":<":
        return a < b;
      case ":<=":
        return a <= b;
    }
  }
  const text = String(held).toLowerCase();
  const w = wanted.toLowerCase();
  if (op !== ":") return false;
  // A trailing * is a prefix search, as in Shopify.
  return w.endsWith("*") ? text.startsWith(w.slice(0, -1)) : text === w;
}

/** Compiles a search into a predicate; `warnings` collects the unknown fields. */
export function compileSearch<T>(
  query: string | undefined | null,
  read: FieldReader<T>,
  known: ReadonlySet<string>,
  warnings: string[] = [],
): (item: T) => boolean {
  if (!query || query.trim() === "") return () => true;
  const tree = parseSearch(query);
  const evaluate = (node: SearchNode, item: T): boolean => {
    switch (node.kind) {
      case "and":
        return node.parts.every((p) => evaluate(p, item));
      case "or":
        return node.parts.some((p) => evaluate(p, item));
      case "not":
        return !evaluate(node.part, item);
      case "term": {
        if (node.field && !known.has(node.field)) return true;
        return read(item, node.field ?? "default").some((v) => compare(v, node.op, node.value));
      }
    }
  };
  const check = (node: SearchNode) => {
    if (node.kind === "term") {
      if (node.field && !known.has(node.field)) warnings.push(node.field);
    } else if (node.kind === "not") check(node.part);
    else node.parts.forEach(check);
  };
  check(tree);
  return (item) => evaluate(tree, item);
}

/** The equality terms of a pure OR of `field:value` terms ({handle: [...], sku: [...]}), else undefined. */
export function equalityTerms(query: string | undefined | null): Map<string, string[]> | undefined {
  if (!query) return undefined;
  const tree = parseSearch(query);
  const terms = tree.kind === "or" ? tree.parts : [tree];
  const out = new Map<string, string[]>();
  for (const t of terms) {
    if (t.kind !== "term" || t.op !== ":" || !t.field || t.value.endsWith("*")) return undefined;
    out.set(t.field, [...(out.get(t.field) ?? []), t.value]);
  }
  return out;
}
