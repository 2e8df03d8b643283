//! Checking criteria, indicators and the decision rules: points add up, thresholds reachable,
//! tiers ordered without overlap or gap.

use std::collections::HashMap;

use rust_decimal::Decimal;
use tieuchi_syntax::Span;
use tieuchi_syntax::ast::{Award, Decision, Indicator, Meta, Model, Number, ReasonKind};

use super::Checker;
use super::error::{CheckError, Invalid, Kind, Style, Thing, Threshold, TierOrder};
use super::expr::Scope;
use super::range::{Ranges, region};
use super::totals;
use crate::program::{
    AwardDef, Bounds, CExpr, CriterionDef, DecisionDef, IndicatorDef, LevelDef, Reasons, Rounding,
    TierDef, Ty,
};
use crate::rule_text::Text;

/// Number of `level`s a model declares (0 for a points model).
fn level_count(m: &Model) -> usize {
    m.decisions
        .iter()
        .filter(|d| matches!(d, Decision::Level(_)))
        .count()
}

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
        let levels = level_count(m);
        let mut seen = HashMap::new();
        let floor_each = floor_each(m).and_then(|(n, _)| self.decimal(n));
        let rounding = super::model_rounding(m);
        let mut out = Vec::new();
        // Sums are checked: points near the decimal limit (7.9×10²⁸) would overflow. `None`
        // once a sum overflowed (reported once, where it did).
        let mut sum = Some(Decimal::ZERO);
        for c in &m.criteria {
            self.unique(
                &mut seen,
                Thing::CriterionOrIndicator,
                &c.id.name,
                c.id.span,
            );
            let max = self.item_points(&c.id.name, c.max.as_ref(), c.id.span, levels, true);
            if let Some(s) = sum {
                sum = s.checked_add(max);
                if sum.is_none() {
                    let within = None;
                    self.report(CheckError::PointsOverflow { within }.at(c.id.span));
                }
            }
            let meta = self.meta(&c.id.name, &c.meta, c.id.span, max, None);
            let mut indicators = Vec::new();
            let mut ind_sum = Some(Decimal::ZERO);
            for i in &c.indicators {
                self.unique(
                    &mut seen,
                    Thing::CriterionOrIndicator,
                    &i.id.name,
                    i.id.span,
                );
                // A deduction adds nothing to the criterion's maximum.
                let points = if let Some(ind) = self.indicator(
                    scope,
                    i,
                    c.meta.provisional.is_some(),
                    floor_each,
                    levels,
                    rounding,
                ) {
                    let points = if ind.deduction {
                        Decimal::ZERO
                    } else {
                        ind.max
                    };
                    indicators.push(ind);
                    points
                } else if i.deduction.is_some() {
                    Decimal::ZERO
                } else {
                    if super::AUTHORING {
                        let points = i.max.as_ref().and_then(|n| {
                            let max = Decimal::from_str_exact(&n.text).ok()?;
                            totals::unchecked(i, max)
                        });
                        self.unchecked.push((out.len(), points));
                    }
                    i.max
                        .as_ref()
                        .and_then(|n| self.decimal(n))
                        .unwrap_or_default()
                };
                if let Some(s) = ind_sum {
                    ind_sum = s.checked_add(points);
                    if ind_sum.is_none() {
                        let within = Some(c.id.name.clone());
                        self.report(CheckError::PointsOverflow { within }.at(i.id.span));
                    }
                }
            }
            if let (Some(declared), Some(ind_sum)) =
                (c.max.as_ref().filter(|_| ind_sum != Some(max)), ind_sum)
            {
                let err = CheckError::CriterionSum {
                    id: c.id.name.clone(),
                    declared: max.normalize().to_string(),
                    sum: ind_sum.normalize().to_string(),
                };
                self.report(err.at(declared.span));
            }
            out.push(CriterionDef {
                id: c.id.name.clone(),
                label: Text::new(c.label.value.as_str()),
                english: meta.0,
                max,
                source: meta.1,
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
        ) && let Some(sum) = sum
            && sum != declared
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
    fn meta(
        &mut self,
        id: &str,
        meta: &Meta,
        id_span: Span,
        max: Decimal,
        inherited_provisional: Option<bool>,
    ) -> (
        Option<String>,
        Option<Text>,
        Option<String>,
        Option<Decimal>,
    ) {
        let floor = meta.floor.as_ref().and_then(|n| {
            let d = self.decimal(n)?;
            if d > max {
                let err = CheckError::Unreachable {
                    what: Threshold::FloorOf(id.to_string()),
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
            Text::joined(
                &meta
                    .sources
                    .iter()
                    .map(|s| s.value.clone())
                    .collect::<Vec<_>>(),
            ),
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
        levels: usize,
        model_rounding: Rounding,
    ) -> Option<IndicatorDef> {
        let rounding = match &i.rounding {
            Some(spec) => self.rounding(spec).unwrap_or(model_rounding),
            None => model_rounding,
        };
        let max = self.item_points(&i.id.name, i.max.as_ref(), i.id.span, levels, false);
        let (english, source, provisional, floor) = self.meta(
            &i.id.name,
            &i.meta,
            i.id.span,
            max,
            Some(criterion_provisional),
        );
        let deduction = i.deduction.is_some();
        if let (Some(at), true) = (i.deduction, levels > 0) {
            let err = CheckError::ScoringStyle(Style::DeductInLevels);
            self.report(err.at(at));
        }
        if let (Some(f), true) = (&i.meta.floor, deduction) {
            let err = CheckError::ScoringStyle(Style::DeductFloor(i.id.name.clone()));
            self.report(err.at(f.span));
        }
        let award = if levels > 0 {
            self.passes(scope, i, levels)?
        } else {
            if let Some(p) = i.passes.first() {
                let err = CheckError::ScoringStyle(Style::PassInPoints);
                self.report(err.at(p.span));
            }
            let Some(award) = &i.award else {
                self.report(
                    CheckError::NoAward {
                        id: i.id.name.clone(),
                        by_levels: false,
                    }
                    .at(i.id.span),
                );
                return None;
            };
            self.award(scope, award, &i.id.name, max)?
        };
        let not_applicable = match &i.not_applicable {
            Some(na) => Some((self.condition(scope, &na.when)?, na.effect)),
            None => None,
        };
        let mut reasons = Reasons::default();
        let mut written = Vec::new();
        for r in &i.reasons {
            let statement = match r.kind {
                ReasonKind::Any => "reason",
                ReasonKind::Met => "met",
                ReasonKind::Partial => "partial",
                ReasonKind::Unmet => "unmet",
                ReasonKind::NotApplicable => "not applicable",
            };
            self.once(&mut written, statement, r.text.span);
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
            AwardDef::Pass(conds) => conds.iter().for_each(|e| scope.inputs_of(e, &mut inputs)),
        }
        if let Some((e, _)) = &not_applicable {
            scope.inputs_of(e, &mut inputs);
        }
        inputs.sort_unstable();
        inputs.dedup();
        // `floor each indicator` is about points gained, not about what a deduction takes off.
        let floor = if deduction {
            None
        } else {
            floor.or(floor_each)
        };
        Some(IndicatorDef {
            id: i.id.name.clone(),
            // Full marks of a deduction: nothing taken off, 0 of 0.
            deduction,
            label: Text::new(i.label.value.as_str()),
            english,
            max,
            source,
            provisional,
            floor,
            award,
            not_applicable,
            reasons,
            rounding,
            inputs,
        })
    }

    /// The declared points of a criterion or indicator, checked against the scoring style:
    /// required in a points model, absent in a model decided by levels (then 0).
    fn item_points(
        &mut self,
        id: &str,
        n: Option<&Number>,
        span: Span,
        levels: usize,
        criterion: bool,
    ) -> Decimal {
        match (n, levels) {
            (Some(n), 0) => self.decimal(n).unwrap_or_default(),
            (None, 0) => {
                let err = CheckError::ScoringStyle(Style::NoMax {
                    criterion,
                    id: id.to_string(),
                });
                self.report(err.at(span));
                Decimal::ZERO
            }
            (Some(n), _) => {
                let err = CheckError::ScoringStyle(Style::PointsInLevels);
                self.report(err.at(n.span));
                Decimal::ZERO
            }
            (None, _) => Decimal::ZERO,
        }
    }

    /// The condition of each level, from level 1: a level without its own `pass at level N`
    /// uses the condition of the level below.
    fn passes(&mut self, scope: &Scope, i: &Indicator, levels: usize) -> Option<AwardDef> {
        if let Some(a) = &i.award {
            let err = CheckError::ScoringStyle(Style::AwardInLevels);
            self.report(err.at(a.span()));
            if i.passes.is_empty() {
                return None;
            }
        }
        let mut by_level: Vec<Option<CExpr>> = vec![None; levels];
        for p in &i.passes {
            let level = match &p.level {
                None => 1,
                Some(n) => match n.text.parse::<usize>() {
                    Ok(k) if (1..=levels).contains(&k) => k,
                    _ => {
                        let problem = Invalid::NoSuchLevel {
                            level: n.text.clone(),
                            levels,
                        };
                        self.report(CheckError::InvalidLiteral(problem).at(n.span));
                        continue;
                    }
                },
            };
            let cond = self.condition(scope, &p.when)?;
            if let Some(slot) = by_level.get_mut(level - 1) {
                *slot = Some(cond);
            }
        }
        let mut out = Vec::with_capacity(levels);
        let mut last: Option<CExpr> = None;
        for cond in by_level {
            last = cond.or(last);
            match &last {
                Some(c) => out.push(c.clone()),
                None => {
                    self.report(
                        CheckError::NoAward {
                            id: i.id.name.clone(),
                            by_levels: true,
                        }
                        .at(i.id.span),
                    );
                    return None;
                }
            }
        }
        Some(AwardDef::Pass(out))
    }

    fn award(&mut self, scope: &Scope, a: &Award, id: &str, max: Decimal) -> Option<AwardDef> {
        Some(match a {
            Award::Whole(e, _) => AwardDef::Whole(self.condition(scope, e)?),
            Award::Proportional(e, _) => {
                AwardDef::Proportional(self.expect_ty(scope, e, Ty::Decimal, Kind::Share)?)
            }
            Award::Value(e, _) => {
                AwardDef::Value(self.expect_ty(scope, e, Ty::Decimal, Kind::Points)?)
            }
            Award::Deduct(n, e, _) => {
                let per = self.decimal(n)?;
                if per < Decimal::ZERO {
                    let problem = Invalid::NegativeDeduction;
                    self.report(CheckError::InvalidLiteral(problem).at(n.span));
                }
                AwardDef::Deduct(per, self.expect_ty(scope, e, Ty::Decimal, Kind::Count)?)
            }
            Award::Bands(bands, otherwise, _) => {
                let mut out = Vec::new();
                for b in bands {
                    let p = self.points_within(&b.points, id, max)?;
                    let cond = self.condition(scope, &b.when)?;
                    if super::AUTHORING
                        && let Some(by) = shadowing_band(scope, &out, &cond)
                    {
                        let by_span = bands.get(by).map_or(b.when.span, |e| e.when.span);
                        let err = CheckError::ShadowedBand {
                            by: by + 1,
                            by_span,
                        };
                        self.report(err.at(b.when.span));
                    }
                    out.push((p, cond));
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
                what: Threshold::BandOf(id.to_string()),
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
        let mut pass_span = None;
        for d in &m.decisions {
            match d {
                Decision::Pass(n, why, span) => {
                    if let Some(why) = why {
                        let err = CheckError::Provisional {
                            id: "recognized when".into(),
                            why: why.value.clone(),
                        };
                        self.report(err.at(*span));
                    }
                    pass_span = Some(n.span);
                    if let Some(p) = self.decimal(n) {
                        if let Some(max) = max.filter(|m| p > *m) {
                            let err = CheckError::Unreachable {
                                what: Threshold::Pass,
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
                            what: Threshold::FloorEachIndicator,
                            value: f.normalize().to_string(),
                            max: s.normalize().to_string(),
                        };
                        self.report(err.at(n.span));
                    }
                }
                Decision::Tier(t) => {
                    self.unique(&mut seen, Thing::Tier, &t.label.value, t.label.span);
                    let Some(range) = self.bounds(&t.range) else {
                        continue;
                    };
                    if let (Some(lo), Some(max)) = (range.min, max)
                        && lo > max
                    {
                        let err = CheckError::Unreachable {
                            what: Threshold::TierFrom(t.label.value.clone()),
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
                        let max = max.normalize().to_string();
                        let problem = TierOrder::HighestShort { max };
                        self.report(CheckError::TierOrder(problem).at(t.range.span));
                    }
                    tier_spans.push(t.range.span);
                    out.tiers.push(TierDef {
                        label: t.label.value.clone(),
                        english: t.english.as_ref().map(|s| s.value.clone()),
                        range,
                        recognized: t.recognized,
                    });
                }
                Decision::Level(l) => {
                    self.unique(&mut seen, Thing::Level, &l.label.value, l.label.span);
                    if !out.tiers.is_empty() || out.pass.is_some() {
                        let err = CheckError::ScoringStyle(Style::LevelsWithTiers);
                        self.report(err.at(l.span));
                    }
                    if out
                        .levels
                        .last()
                        .is_some_and(|prev| prev.recognized && !l.recognized)
                    {
                        let problem = TierOrder::LevelAboveRecognized(l.label.value.clone());
                        self.report(CheckError::TierOrder(problem).at(l.span));
                    }
                    out.levels.push(LevelDef {
                        label: l.label.value.clone(),
                        english: l.english.as_ref().map(|s| s.value.clone()),
                        recognized: l.recognized,
                    });
                }
            }
        }
        self.tier_coverage(&out, &tier_spans);
        self.reached_by_totals(criteria, &out, &tier_spans, pass_span, max);
        let decides = out.pass.is_some()
            || out.tiers.iter().any(|t| t.recognized)
            || out.levels.iter().any(|l| l.recognized);
        if !decides {
            self.report(CheckError::NoDecision.at(m.title.span));
        }
        out
    }

    /// Warns (C025) about tiers and a pass threshold that no total the indicators can award
    /// reaches, even when another mistake was found (an unknown name in an indicator's
    /// condition leaves out the indicator, but not the points its award can give: see
    /// [`totals::unchecked`]); not when those points are not known, nor for thresholds above
    /// the maximum (C006 says so).
    fn reached_by_totals(
        &mut self,
        criteria: &[CriterionDef],
        d: &DecisionDef,
        tier_spans: &[Span],
        pass_span: Option<Span>,
        max: Option<Decimal>,
    ) {
        if !super::AUTHORING {
            return;
        }
        let Some(totals) = totals::reachable(criteria, &self.unchecked) else {
            return;
        };
        let max = max.unwrap_or(Decimal::MAX);
        for (t, span) in d.tiers.iter().zip(tier_spans) {
            let (lo, hi) = (t.range.min, t.range.max);
            if lo.is_some_and(|lo| lo > max) || totals.meets(lo, hi, t.range.max_exclusive) {
                continue;
            }
            let (below, above) =
                totals.nearest(lo.unwrap_or(Decimal::MIN), hi.unwrap_or(Decimal::MAX));
            let tier = Some(t.label.clone());
            self.report(CheckError::NoTotalReaches { tier, below, above }.at(*span));
        }
        if let (Some(p), Some(span)) = (d.pass, pass_span)
            && p <= max
            && !totals.meets(Some(p), None, false)
        {
            let (below, above) = totals.nearest(p, p);
            let tier = None;
            self.report(CheckError::NoTotalReaches { tier, below, above }.at(span));
        }
    }

    /// Checks a tier against the one listed just before it (which must be higher).
    fn tier_pair(&mut self, prev: &TierDef, prev_span: Span, cur: &Bounds, span: Span) {
        let prev_lo = prev.range.min.unwrap_or(Decimal::MIN);
        let cur_lo = cur.min.unwrap_or(Decimal::MIN);
        if cur_lo >= prev_lo {
            let problem = TierOrder::NotBelow(prev.label.clone());
            self.report(CheckError::TierOrder(problem).at(span));
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
                let problem = TierOrder::Gap {
                    hi: hi.normalize().to_string(),
                    lo: prev_lo.normalize().to_string(),
                    exclusive: cur.max_exclusive,
                };
                self.report(CheckError::TierOrder(problem).at(span));
            }
            Some(_) => {}
        }
    }

    /// The lowest tier must start at 0 or below; recognized tiers must be the highest ones.
    fn tier_coverage(&mut self, d: &DecisionDef, spans: &[Span]) {
        if let (Some(last), Some(span)) = (d.tiers.last(), spans.last())
            && last.range.min.is_some_and(|lo| lo > Decimal::ZERO)
        {
            let min = last.range.min.unwrap_or_default().normalize().to_string();
            self.report(CheckError::TierOrder(TierOrder::BelowLowest(min)).at(*span));
        }
        let mut seen_unrecognized = false;
        for (t, span) in d.tiers.iter().zip(spans) {
            if t.recognized && seen_unrecognized {
                let problem = TierOrder::RecognizedBelow(t.label.clone());
                self.report(CheckError::TierOrder(problem).at(*span));
            }
            seen_unrecognized |= !t.recognized;
        }
    }
}

/// The first earlier band that takes every case of the band with condition `cond`: one that
/// always holds, or one on the same expression whose numbers include all of `cond`'s.
fn shadowing_band(scope: &Scope, earlier: &[(Decimal, CExpr)], cond: &CExpr) -> Option<usize> {
    let ranges = Ranges {
        scope,
        lets: &scope.let_ranges,
    };
    let this = region(cond);
    earlier.iter().position(|(_, e)| {
        !ranges.of(e).truth().can_fail
            || matches!((region(e), this), (Some((k1, r1)), Some((k2, r2))) if k1 == k2 && r1.covers(r2))
    })
}
