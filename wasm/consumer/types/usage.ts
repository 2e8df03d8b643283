// Uses every function and every answer field of the package with strict types: `tsc` must
// accept this file as it is (run.sh). Nothing here is `any`.
import init, { check, compile, vocabulary } from "tieuchi/forms";
import type {
  Answer, CriterionAnswer, Diagnostic, Gain, Goal, IndicatorAnswer, InputSchema, NestedAnswer,
  Outcome, Question, RecordError, RulesError, SchemaNode, Status, Vocabulary,
} from "tieuchi/forms";
import authorsInit, { compile as authorsCompile, documentHtml } from "tieuchi";
import type { TestResult } from "tieuchi";

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
  rules.free();
  authors.free();
  return lines;
}
