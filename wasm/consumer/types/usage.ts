// Uses every function and every answer field of the package with strict types: `tsc` must
// accept this file as it is (run.sh). Nothing here is `any`.
import init, { check, compile, vocabulary } from "tieuchi/forms";
import type {
  Answer, CriterionAnswer, Diagnostic, Gain, Goal, IndicatorAnswer, InputSchema, NestedAnswer,
  Outcome, Question, RecordError, RulesError, SchemaNode, Status, Vocabulary,
} from "tieuchi/forms";
import authorsInit, { analyze, compile as authorsCompile, documentHtml, tokenTypes } from "tieuchi";
import type {
  CompletionItem, EditorDiagnostic, HoverCard, OutlineEntry, QuickFix, RenameResult, SourceEdit,
  SourceLocation, TestResult, TokenType,
} from "tieuchi";

export async function use(source: string, parent: string): Promise<string[]> {
  await init();
  await authorsInit();
  const lines: string[] = [];
  const rules = compile(source, { "parent.rules": parent });
  const answer: Answer = rules.evaluate({ members_total: 10 });
  const status: Status = answer.status;
  const tier: string | null = answer.tier;
  const total: number = answer.total + answer.max + (answer.total_possible ?? 0) + (answer.level ?? 0);
  for (const c of answer.criteria) {
    const criterion: CriterionAnswer = c;
    const outcome: Outcome = criterion.status;
    for (const i of criterion.indicators) {
      const indicator: IndicatorAnswer = i;
      const reason: string | undefined = indicator.reason;
      lines.push(`${indicator.id} ${outcome} ${indicator.points}/${indicator.max} ${reason ?? ""} ${indicator.missing?.join(",") ?? ""}`);
    }
  }
  for (const goal of answer.to_reach) {
    const g: Goal = goal;
    const first: Gain | undefined = g.indicators[0];
    const more: Gain[][] = g.alternatives ?? [];
    lines.push(`${g.target} ${g.points_needed} ${first?.id ?? ""} ${first?.change ?? ""} ${more.length}`);
  }
  const errors: RecordError[] = answer.errors;
  const nested: NestedAnswer[] = answer.nested ?? [];
  const missing: string[] = answer.missing;
  lines.push(`${status} ${tier ?? "-"} ${total} ${errors.length} ${nested.length} ${missing.length}`);
  const answers: Answer[] = rules.evaluateMany([{}, "{}"]);
  const text: string = rules.evaluateJson("{}") + rules.evaluateManyJson([{}]);
  const asked: Question[] = rules.questions(answer.errors.length > 0 ? "{}" : { members_total: 10 });
  for (const q of asked) if (q.required || q.matters) lines.push(`${q.path} ${q.answered}`);
  const schema: InputSchema = rules.schema();
  const fields: Record<string, SchemaNode> = schema.properties ?? {};
  for (const [name, node] of Object.entries(fields)) {
    lines.push(`${name}: ${node.title ?? ""} ${[node.type ?? []].flat().join("|")}`);
  }
  const diagnostics: Diagnostic[] = [...rules.diagnostics(), ...check(source)];
  for (const d of diagnostics) lines.push(`${d.code} ${d.severity} ${d.line}:${d.column} ${d.help ?? ""} ${d.labels.length}`);
  const words: Vocabulary = vocabulary();
  lines.push(words.status.recognized.vi, words.outcome.met.en, `${answers.length} ${text.length}`);
  try {
    compile("model");
  } catch (e) {
    const error = e as RulesError;
    lines.push(`${error.message}: ${error.diagnostics.map((d) => d.code).join(" ")}`);
  }
  const authors = authorsCompile(source);
  const tests: TestResult[] = authors.runTests();
  lines.push(`${tests.filter((t) => t.passed).length} ${documentHtml(source, null, "x.rules").length}`);
  // The language service (the playground's editor): offsets are UTF-16 units of `source`.
  const a = analyze(source, { "parent.rules": parent });
  for (const d of a.diagnostics()) {
    const e: EditorDiagnostic = d;
    const fix: string | null = e.fix;
    lines.push(`${e.severity} ${e.code} ${source.slice(e.from, e.to)} ${e.message} ${e.help ?? ""} ${fix ?? ""}`);
    for (const q of a.codeActions(e.from, e.to)) {
      const action: QuickFix = q;
      const edits: SourceEdit[] = action.edits;
      lines.push(`${action.title} ${action.code} ${edits.map((x) => x.insert).join(",")}`);
    }
  }
  const types: TokenType[] = tokenTypes();
  const tokens: Uint32Array = a.semanticTokens();
  lines.push(`${types[tokens[2] ?? 0]} ${tokens.length}`);
  const card: HoverCard | null = a.hover(0);
  if (card && "from" in card) lines.push(`${card.from} ${card.to} ${card.markdown}`);
  const items: CompletionItem[] = a.completions(0);
  lines.push(items.map((c) => `${c.label} ${c.kind} ${c.detail ?? ""} ${c.from} ${c.to} ${c.rank}`).join(";"));
  const where: SourceLocation | null = a.definition(0);
  const place = (l: SourceLocation): string => ("from" in l ? `${l.from}-${l.to}` : `${l.file}:${l.line}:${l.character}-${l.endLine}:${l.endCharacter}`);
  if (where) lines.push(place(where));
  lines.push(a.references(0).map(place).join(","));
  const formatted: string | undefined = a.format();
  const outline: OutlineEntry[] = a.documentSymbols();
  const walk = (o: OutlineEntry): string => `${o.kind} ${o.name} ${o.detail ?? ""} ${o.nameFrom} ${o.children.map(walk).join(",")}`;
  lines.push(`${formatted ?? ""} ${outline.map(walk).join(";")}`);
  const renamed: RenameResult = a.rename(0, "new_name");
  lines.push("error" in renamed ? renamed.error : renamed.edits.map(place).join(","));
  a.free();
  rules.free();
  authors.free();
  return lines;
}
