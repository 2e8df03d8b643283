//! Checking criteria, indicators and the decision rules: points add up, thresholds reachable,
//! tiers ordered without overlap or gap.

use std::collections::HashMap;

use rust_decimal::Decimal;
use tieuchi_syntax::Span;
use tieuchi_syntax::ast::{Award, Decision, Indicator, Meta, Model, ReasonKind};

use super::Checker;
use super::error::CheckError;
use super::expr::Scope;
use crate::program::{
    AwardDef, Bounds, CriterionDef, DecisionDef, IndicatorDef, Reasons, TierDef, Ty,
};

/// `floor each indicator N`, when declared.
fn floor_each(m: &Model) -> Option<(&tieuchi_syntax::ast::Number, Span)> {
    m.decisions.iter().find_map(|d| match d {
        Decision::FloorEachIndicator(n, s) => Some((n, *s)),
        _ => None,
    })
}

impl Checker {
    pub(super) fn criteria(
        &mut self,
        scope: &Scope,
        m: &Model,
        model_max: Option<Decimal>,
    ) -> Vec<CriterionDef> {
        let mut seen = HashMap::new();
        let floor_each = floor_each(m).and_then(|(n, _)| self.decimal(n));
        let mut out = Vec::new();
        let mut sum = Decimal::ZERO;
        for c in &m.criteria {
            self.unique(&mut seen, "criterion or indicator", &c.id.name, c.id.span);
            let max = self.decimal(&c.max).unwrap_or_default();
            sum += max;
            let meta = self.meta(&c.id.name, &c.meta, c.id.span, max, None);
            let mut indicators = Vec::new();
            let mut ind_sum = Decimal::ZERO;
            for i in &c.indicators {
                self.unique(&mut seen, "criterion or indicator", &i.id.name, i.id.span);
                if let Some(ind) =
                    self.indicator(scope, i, c.meta.provisional.is_some(), floor_each)
                {
                    ind_sum += ind.max;
                    indicators.push(ind);
                } else {
                    ind_sum += self.decimal(&i.max).unwrap_or_default();
                }
            }
            if ind_sum != max {
                let err = CheckError::CriterionSum {
                    id: c.id.name.clone(),
                    declared: max.normalize().to_string(),
                    sum: ind_sum.normalize().to_string(),
                };
                self.report(err.at(c.max.span));
            }
            out.push(CriterionDef {
                id: c.id.name.clone(),
                label: c.label.value.clone(),
                english: meta.0,
                max,
                sources: meta.1,
                provisional: meta.2,
                floor: meta.3,
                indicators,
            });
        }
        if let (Some(declared), Some(first)) = (
            model_max,
            m.header.iter().find_map(|h| match h {
                tieuchi_syntax::ast::HeaderItem::Max(n) => Some(n.span),
                _ => None,
            }),
        ) && sum != declared
            && !m.criteria.is_empty()
        {
            let err = CheckError::ModelSum {
                declared: declared.normalize().to_string(),
                sum: sum.normalize().to_string(),
            };
            self.report(err.at(first));
        }
        out
    }

    /// Checks citations, provisional mark and floor of an item.
    #[allow(
        clippy::type_complexity,
        reason = "a private tuple of the four meta facts"
    )]
    fn meta(
        &mut self,
        id: &str,
        meta: &Meta,
        id_span: Span,
        max: Decimal,
        inherited_provisional: Option<bool>,
    ) -> (Option<String>, Vec<String>, Option<String>, Option<Decimal>) {
        let floor = meta.floor.as_ref().and_then(|n| {
            let d = self.decimal(n)?;
            if d > max {
                let err = CheckError::Unreachable {
                    what: format!("the floor of `{id}`"),
                    value: d.normalize().to_string(),
                    max: max.normalize().to_string(),
                };
                self.report(err.at(n.span));
            }
            Some(d)
        });
        if let Some(p) = &meta.provisional {
            self.report(
                CheckError::Provisional {
                    id: id.to_string(),
                    why: p.value.clone(),
                }
                .at(id_span),
            );
        } else if meta.sources.is_empty() && inherited_provisional != Some(true) {
            self.report(CheckError::NoSource { id: id.to_string() }.at(id_span));
        }
        (
            meta.english.as_ref().map(|s| s.value.clone()),
            meta.sources.iter().map(|s| s.value.clone()).collect(),
            meta.provisional.as_ref().map(|s| s.value.clone()),
            floor,
        )
    }

    fn indicator(
        &mut self,
        scope: &Scope,
        i: &Indicator,
        criterion_provisional: bool,
        floor_each: Option<Decimal>,
    ) -> Option<IndicatorDef> {
        let max = self.decimal(&i.max)?;
        let (english, sources, provisional, floor) = self.meta(
            &i.id.name,
            &i.meta,
            i.id.span,
            max,
            Some(criterion_provisional),
        );
        let Some(award) = &i.award else {
            self.report(
                CheckError::NoAward {
                    id: i.id.name.clone(),
                }
                .at(i.id.span),
            );
            return None;
        };
        let award = self.award(scope, award, &i.id.name, max)?;
        let not_applicable = match &i.not_applicable {
            Some(na) => Some((
                self.expect_ty(scope, &na.when, Ty::Bool, "a yes/no condition")?,
                na.effect,
            )),
            None => None,
        };
        let mut reasons = Reasons::default();
        for r in &i.reasons {
            let t = self.template(scope, &r.text);
            let slot = match r.kind {
                ReasonKind::Any => &mut reasons.any,
                ReasonKind::Met => &mut reasons.met,
                ReasonKind::Partial => &mut reasons.partial,
                ReasonKind::Unmet => &mut reasons.unmet,
                ReasonKind::NotApplicable => &mut reasons.not_applicable,
            };
            *slot = t;
        }
        let mut inputs = Vec::new();
        match &award {
            AwardDef::Whole(e)
            | AwardDef::Proportional(e)
            | AwardDef::Deduct(_, e)
            | AwardDef::Value(e) => scope.inputs_of(e, &mut inputs),
            AwardDef::Bands(bands, _) => bands
                .iter()
                .for_each(|(_, e)| scope.inputs_of(e, &mut inputs)),
        }
        if let Some((e, _)) = &not_applicable {
            scope.inputs_of(e, &mut inputs);
        }
        inputs.sort_unstable();
        inputs.dedup();
        let floor = floor.or(floor_each);
        Some(IndicatorDef {
            id: i.id.name.clone(),
            label: i.label.value.clone(),
            english,
            max,
            sources,
            provisional,
            floor,
            award,
            not_applicable,
            reasons,
            inputs,
        })
    }

    fn award(&mut self, scope: &Scope, a: &Award, id: &str, max: Decimal) -> Option<AwardDef> {
        Some(match a {
            Award::Whole(e, _) => {
                AwardDef::Whole(self.expect_ty(scope, e, Ty::Bool, "a yes/no condition")?)
            }
            Award::Proportional(e, _) => AwardDef::Proportional(self.expect_ty(
                scope,
                e,
                Ty::Decimal,
                "a share from 0 to 1",
            )?),
            Award::Value(e, _) => {
                AwardDef::Value(self.expect_ty(scope, e, Ty::Decimal, "a number of points")?)
            }
            Award::Deduct(n, e, _) => {
                let per = self.decimal(n)?;
                if per < Decimal::ZERO {
                    let detail = "a deduction must not be negative".to_string();
                    self.report(CheckError::InvalidLiteral { detail }.at(n.span));
                }
                AwardDef::Deduct(per, self.expect_ty(scope, e, Ty::Decimal, "a count")?)
            }
            Award::Bands(bands, otherwise, _) => {
                let mut out = Vec::new();
                for b in bands {
                    let p = self.points_within(&b.points, id, max)?;
                    out.push((
                        p,
                        self.expect_ty(scope, &b.when, Ty::Bool, "a yes/no condition")?,
                    ));
                }
                let other = match otherwise {
                    Some(n) => self.points_within(n, id, max)?,
                    None => Decimal::ZERO,
                };
                AwardDef::Bands(out, other)
            }
        })
    }

    fn points_within(
        &mut self,
        n: &tieuchi_syntax::ast::Number,
        id: &str,
        max: Decimal,
    ) -> Option<Decimal> {
        let p = self.decimal(n)?;
        if p > max || p < Decimal::ZERO {
            let err = CheckError::Unreachable {
                what: format!("a band of `{id}`"),
                value: p.normalize().to_string(),
                max: max.normalize().to_string(),
            };
            self.report(err.at(n.span));
            return None;
        }
        Some(p)
    }

    pub(super) fn decision(
        &mut self,
        m: &Model,
        criteria: &[CriterionDef],
        max: Option<Decimal>,
    ) -> DecisionDef {
        // Without a valid `max` (already reported), thresholds are not compared to it.
        let mut out = DecisionDef::default();
        let mut seen = HashMap::new();
        let mut tier_spans: Vec<Span> = Vec::new();
        for d in &m.decisions {
            match d {
                Decision::Pass(n, _) => {
                    if let Some(p) = self.decimal(n) {
                        if let Some(max) = max.filter(|m| p > *m) {
                            let err = CheckError::Unreachable {
                                what: "the pass threshold".into(),
                                value: p.normalize().to_string(),
                                max: max.normalize().to_string(),
                            };
                            self.report(err.at(n.span));
                        }
                        out.pass = Some(p);
                    }
                }
                Decision::FloorEachIndicator(n, _) => {
                    let smallest = criteria
                        .iter()
                        .flat_map(|c| &c.indicators)
                        .map(|i| i.max)
                        .min();
                    if let (Some(f), Some(s)) = (self.decimal(n), smallest)
                        && f > s
                    {
                        let err = CheckError::Unreachable {
                            what: "the floor for each indicator".into(),
                            value: f.normalize().to_string(),
                            max: s.normalize().to_string(),
                        };
                        self.report(err.at(n.span));
                    }
                }
                Decision::Tier(t) => {
                    self.unique(&mut seen, "tier", &t.label.value, t.label.span);
                    let Some(range) = self.bounds(&t.range) else {
                        continue;
                    };
                    if let (Some(lo), Some(max)) = (range.min, max)
                        && lo > max
                    {
                        let err = CheckError::Unreachable {
                            what: format!("the lower bound of tier \"{}\"", t.label.value),
                            value: lo.normalize().to_string(),
                            max: max.normalize().to_string(),
                        };
                        self.report(err.at(t.range.span));
                    }
                    if let (Some(prev), Some(prev_span)) = (out.tiers.last(), tier_spans.last()) {
                        self.tier_pair(prev, *prev_span, &range, t.range.span);
                    } else if let (Some(hi), Some(max)) = (range.max, max)
                        && (hi < max || (hi == max && range.max_exclusive))
                    {
                        let detail = format!(
                            "the highest tier does not reach the maximum of {} points",
                            max.normalize()
                        );
                        self.report(CheckError::TierOrder { detail }.at(t.range.span));
                    }
                    tier_spans.push(t.range.span);
                    out.tiers.push(TierDef {
                        label: t.label.value.clone(),
                        english: t.english.as_ref().map(|s| s.value.clone()),
                        range,
                        recognized: t.recognized,
                    });
                }
            }
        }
        self.tier_coverage(&out, &tier_spans);
        if out.pass.is_none() && !out.tiers.iter().any(|t| t.recognized) {
            self.report(CheckError::NoDecision.at(m.title.span));
        }
        out
    }

    /// Checks a tier against the one listed just before it (which must be higher).
    fn tier_pair(&mut self, prev: &TierDef, prev_span: Span, cur: &Bounds, span: Span) {
        let prev_lo = prev.range.min.unwrap_or(Decimal::MIN);
        let cur_lo = cur.min.unwrap_or(Decimal::MIN);
        if cur_lo >= prev_lo {
            let detail = format!(
                "this tier is not below tier \"{}\"; list tiers from the highest to the lowest",
                prev.label
            );
            self.report(CheckError::TierOrder { detail }.at(span));
            return;
        }
        match cur.max {
            None => self.report(
                CheckError::TierOverlap {
                    other: prev.label.clone(),
                    other_span: prev_span,
                }
                .at(span),
            ),
            Some(hi) if hi > prev_lo || (hi == prev_lo && !cur.max_exclusive) => {
                self.report(
                    CheckError::TierOverlap {
                        other: prev.label.clone(),
                        other_span: prev_span,
                    }
                    .at(span),
                );
            }
            Some(hi) if hi < prev_lo => {
                // `50..<65` leaves 65 itself out too: "from 65", not "above 65".
                let (from, to) = if cur.max_exclusive {
                    ("from", "to")
                } else {
                    ("above", "and")
                };
                let detail = format!(
                    "totals {from} {} {to} below {} fall in no tier",
                    hi.normalize(),
                    prev_lo.normalize()
                );
                self.report(CheckError::TierOrder { detail }.at(span));
            }
            Some(_) => {}
        }
    }

    /// The lowest tier must start at 0 or below; recognized tiers must be the highest ones.
    fn tier_coverage(&mut self, d: &DecisionDef, spans: &[Span]) {
        if let (Some(last), Some(span)) = (d.tiers.last(), spans.last())
            && last.range.min.is_some_and(|lo| lo > Decimal::ZERO)
        {
            let detail = format!(
                "totals below {} fall in no tier",
                last.range.min.unwrap_or_default().normalize()
            );
            self.report(CheckError::TierOrder { detail }.at(*span));
        }
        let mut seen_unrecognized = false;
        for (t, span) in d.tiers.iter().zip(spans) {
            if t.recognized && seen_unrecognized {
                let detail = format!(
                    "tier \"{}\" is recognized but sits below a tier that is not",
                    t.label
                );
                self.report(CheckError::TierOrder { detail }.at(*span));
            }
            seen_unrecognized |= !t.recognized;
        }
    }
}
