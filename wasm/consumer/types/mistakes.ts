// Planted type mistakes: each line below `@ts-expect-error` must be a type error, or `tsc`
// fails ("Unused '@ts-expect-error' directive"). Proves the types are precise, not `any`.
import { compile } from "tieuchi/forms";
import * as forms from "tieuchi/forms";
import { analyze } from "tieuchi";
import type { Answer, Diagnostic, Outcome, Status } from "tieuchi/forms";

export function mistakes(source: string): void {
  const rules = compile(source);
  const answer: Answer = rules.evaluate({});
  // @ts-expect-error a status is one of three words
  const status: Status = "passed";
  // @ts-expect-error an outcome is not a boolean
  const outcome: Outcome = true;
  // @ts-expect-error the total is a number
  const total: string = answer.total;
  // @ts-expect-error the tier may be null
  const tier: string = answer.tier;
  // @ts-expect-error criteria hold indicators, not points by name
  const points: number = answer.criteria[0]?.indicators.U1;
  // @ts-expect-error to_reach is a list of goals
  const needed: number = answer.to_reach.points_needed;
  // @ts-expect-error a diagnostic's line is a number
  const line: string = (rules.diagnostics()[0] as Diagnostic).line;
  // @ts-expect-error a record is an object or JSON text, not a number
  rules.evaluate(42);
  // @ts-expect-error compile takes the rule file's text
  compile(42);
  // @ts-expect-error the schema's properties are schema nodes
  const kind: number = rules.schema().properties?.members_total?.type;
  // @ts-expect-error whether a question matters is a boolean
  const matters: string = rules.questions({})[0]?.matters;
  // @ts-expect-error runTests is in the authors' module only
  rules.runTests();
  void [status, outcome, total, tier, points, needed, line, kind, matters];
}

export function serviceMistakes(source: string): void {
  const a = analyze(source);
  // @ts-expect-error a hover card may be null
  const markdown: string = a.hover(0).markdown;
  // @ts-expect-error a diagnostic's severity is one of three words
  const severity: "fatal" = a.diagnostics()[0]!.severity;
  // @ts-expect-error a place in an extended file has no UTF-16 offsets: check "from" in it first
  const from: number | undefined = a.definition(0)?.from;
  // @ts-expect-error analyze is in the authors' module only
  forms.analyze(source);
  void [markdown, severity, from];
}
