//! The rules in Vietnamese prose, as an official would write them in the appendix of a
//! decision: each indicator's award rule as a sentence ("Đạt 10 điểm khi đơn vị có kế hoạch
//! học tập"), conditions with the input fields named by their Vietnamese labels, and the
//! decision (pass mark, floors, tiers, levels) as sentences. Works from the checked
//! [`Program`]; no I/O. Used by `tieuchi doc`; meant for the playground's document tab and
//! hover too.
//!
//! Every phrase is built in one pass over the expression; a `let` value is phrased once and
//! its phrase repeated where it is used when short ([`INLINE_LIMIT`]), else named (see
//! [`lets`]), so the text grows linearly with the rule file.

mod decision;
mod expr;
mod words;

use rust_decimal::Decimal;
use tieuchi_syntax::ast::NaEffect;

use crate::program::{AwardDef, CExpr, IndicatorDef, Program};
use crate::wording::format_number;

pub use decision::decision;
use expr::Phraser;
pub use words::in_sentence;

/// Longest phrase of a `let` value repeated where the value is used; a longer one is named
/// (`«share_with_plan»`) and defined once in [`lets`].
pub const INLINE_LIMIT: usize = 320;

/// Phrases the rules of one program: the `let` values are phrased once, when it is made.
pub struct Prose<'p> {
    phraser: Phraser<'p>,
}

impl<'p> Prose<'p> {
    /// Phrases the `let` values of `program`, ready for its indicators.
    pub fn new(program: &'p Program) -> Self {
        Prose {
            phraser: Phraser::new(program),
        }
    }

    /// A condition or a value in Vietnamese ("tổng số thành viên từ 10 trở lên").
    pub fn expr(&mut self, e: &CExpr) -> String {
        self.phraser.top(e)
    }

    /// How an indicator is awarded: one sentence, or one per level for a model decided by
    /// levels ("Mức độ 1: đạt khi …").
    pub fn award(&mut self, ind: &IndicatorDef) -> String {
        let max = points(ind.max);
        let p = &mut self.phraser;
        if ind.deduction {
            return match &ind.award {
                AwardDef::Whole(c) => format!("Trừ {max} khi {}", p.top(c)),
                AwardDef::Value(e) => {
                    format!("Trừ số điểm bằng {} (trừ tối đa {max})", p.top(e))
                }
                AwardDef::Proportional(e) => {
                    format!("Trừ điểm theo {} (trừ tối đa {max})", p.top(e))
                }
                AwardDef::Deduct(per, e) => {
                    format!("Trừ {} {} (trừ tối đa {max})", points(*per), p.per(e))
                }
                AwardDef::Bands(bands, otherwise) => {
                    let mut parts: Vec<String> = bands
                        .iter()
                        .map(|(n, c)| format!("trừ {} nếu {}", points(*n), p.top(c)))
                        .collect();
                    parts.push(format!("còn lại trừ {}", points(*otherwise)));
                    capitalize(&parts.join("; "))
                }
                AwardDef::Pass(_) => award_levels(p, ind),
            };
        }
        match &ind.award {
            AwardDef::Whole(c) => format!("Đạt {max} khi {}", p.top(c)),
            AwardDef::Proportional(e) => p.proportional(e, ind.max),
            AwardDef::Bands(bands, otherwise) => {
                let mut parts: Vec<String> = bands
                    .iter()
                    .map(|(n, c)| format!("{} nếu {}", points(*n), p.top(c)))
                    .collect();
                parts.push(format!("còn lại {}", points(*otherwise)));
                capitalize(&parts.join("; "))
            }
            AwardDef::Deduct(per, e) => format!(
                "Tối đa {max}, trừ {} {} (không dưới 0 điểm)",
                points(*per),
                p.per(e)
            ),
            AwardDef::Value(e) => format!("Điểm bằng {} (từ 0 đến {max})", p.top(e)),
            AwardDef::Pass(_) => award_levels(p, ind),
        }
    }

    /// When an indicator is out of scope, and what that means for its points.
    pub fn not_applicable(&mut self, ind: &IndicatorDef) -> Option<String> {
        let (c, effect) = ind.not_applicable.as_ref()?;
        let when = self.phraser.top(c);
        let by_levels = matches!(ind.award, AwardDef::Pass(_));
        let effect = match (effect, by_levels) {
            (NaEffect::Full, true) => "chỉ tiêu được coi là đạt".to_string(),
            (NaEffect::Full, false) if ind.deduction => "không bị trừ điểm".to_string(),
            (NaEffect::Full, false) => format!("được tính đủ {}", points(ind.max)),
            (NaEffect::Excluded, true) => "chỉ tiêu không được xét".to_string(),
            (NaEffect::Excluded, false) => {
                "chỉ tiêu không được tính vào điểm tối đa (tổng điểm được quy đổi theo thang điểm của bộ tiêu chí)"
                    .to_string()
            }
        };
        Some(format!("Không áp dụng khi {when}: {effect}"))
    }

    /// The whole rule of an indicator: the award, then when it does not apply, as sentences
    /// ending with a full stop.
    pub fn indicator(&mut self, ind: &IndicatorDef) -> String {
        let mut out = self.award(ind);
        out.push('.');
        if let Some(na) = self.not_applicable(ind) {
            out.push(' ');
            out.push_str(&na);
            out.push('.');
        }
        out
    }

    /// The `let` values too long to be repeated where they are used, in order: the name the
    /// sentences give them and what they are.
    pub fn named_lets(&self) -> Vec<(String, String)> {
        self.phraser.named_lets()
    }
}

/// The rule of every indicator of a program, in order: (indicator id, sentence).
pub fn indicators(program: &Program) -> Vec<(String, String)> {
    let mut prose = Prose::new(program);
    program
        .indicators()
        .map(|(_, i)| (i.id.clone(), prose.indicator(i)))
        .collect()
}

/// Every `let` value of a program with its phrase ("share_with_plan": "tỷ lệ thành viên …").
pub fn lets(program: &Program) -> Vec<(String, String)> {
    Phraser::new(program).all_lets()
}

/// `10 điểm`, `2,5 điểm`.
pub fn points(d: Decimal) -> String {
    format!("{} điểm", format_number(d))
}

/// The conditions of an indicator decided by levels, one sentence per level, or one when
/// every level asks the same.
fn award_levels(p: &mut Phraser<'_>, ind: &IndicatorDef) -> String {
    let AwardDef::Pass(conds) = &ind.award else {
        return String::new();
    };
    let same = conds.windows(2).all(|w| match w {
        [a, b] => a == b,
        _ => true,
    });
    match conds.first() {
        Some(first) if same => {
            let who = if conds.len() > 1 {
                " ở mọi mức"
            } else {
                ""
            };
            format!("Đạt{who} khi {}", p.top(first))
        }
        _ => {
            let levels = &p.program().decision.levels;
            let parts: Vec<String> = conds
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let name = levels
                        .get(i)
                        .map_or_else(|| format!("Mức {}", i + 1), |l| l.label.clone());
                    format!("{name}: đạt khi {}", p.top(c))
                })
                .collect();
            parts.join(". ")
        }
    }
}

/// The text with its first letter in upper case.
pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => {
            let mut out = String::with_capacity(s.len() + 1);
            out.push(words::upper(c));
            out.push_str(chars.as_str());
            out
        }
        None => String::new(),
    }
}
