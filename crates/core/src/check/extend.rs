//! `extends`: a rule file that adapts another (a province adapting the national framework).
//! The extended files are read, placed in the source map, and merged into one model before
//! checking: header statements, fields, `let`s and decisions of the adapting file replace the
//! extended file's; `override indicator` replaces one indicator; sources of both are cited;
//! the extended file's tests are run again, a test of the same name replacing one.

use std::mem::discriminant;

use tieuchi_syntax::ast::{HeaderItem, InputBlock, Model};
use tieuchi_syntax::{Diagnostic, SourceMap, parse_at};

use super::error::{CheckError, Link, Thing};
use super::{Checker, Loader};
use crate::suggest::suggest;

/// Reads the chain of extended files and merges it into one model.
pub(super) fn resolve(
    child: Model,
    name: &str,
    sources: &mut SourceMap,
    load: &mut Loader<'_>,
    diagnostics: &mut Vec<Diagnostic>,
    checker: &mut Checker,
) -> Model {
    let mut bases: Vec<Model> = Vec::new();
    let mut names = vec![name.to_string()];
    let mut next = child.extends.clone();
    while let Some(path) = next.take() {
        let from = names.last().cloned().unwrap_or_default();
        let (base_name, text) = match load(&from, &path.value) {
            Ok(found) => found,
            Err(why) => {
                let problem = Link::Unreadable {
                    path: path.value.clone(),
                    why,
                };
                checker.report(CheckError::BadLink(problem).at(path.span));
                break;
            }
        };
        if names.contains(&base_name) {
            let problem = Link::ExtendsLoop(path.value.clone());
            checker.report(CheckError::BadLink(problem).at(path.span));
            break;
        }
        let base = sources.add(base_name.clone(), text);
        let Some(file) = sources.files().last() else {
            break;
        };
        let parsed = parse_at(&file.text, base);
        diagnostics.extend(parsed.diagnostics);
        let Some(parsed) = parsed.file else { break };
        if parsed.model.id.name != child.id.name {
            let problem = Link::OtherModel {
                path: path.value.clone(),
                theirs: parsed.model.id.name.clone(),
                ours: child.id.name.clone(),
            };
            checker.report(CheckError::BadLink(problem).at(path.span));
            break;
        }
        next = parsed.model.extends.clone();
        names.push(base_name);
        bases.push(parsed.model);
    }
    let merged_base = bases
        .into_iter()
        .rev()
        .reduce(|base, adapting| merge(base, adapting, checker));
    match merged_base {
        Some(base) => merge(base, child, checker),
        None => child,
    }
}

/// The adapting model `child` applied on top of `base`.
fn merge(base: Model, child: Model, checker: &mut Checker) -> Model {
    let mut header: Vec<HeaderItem> = child.header.clone();
    for item in base.header {
        let redefined = child
            .header
            .iter()
            .any(|c| discriminant(c) == discriminant(&item));
        if matches!(item, HeaderItem::Source(_) | HeaderItem::Uses(..)) || !redefined {
            header.push(item);
        }
    }
    let input = match (base.input, child.input) {
        (Some(mut b), Some(c)) => {
            for f in c.fields {
                match b.fields.iter_mut().find(|x| x.name.name == f.name.name) {
                    Some(slot) => *slot = f,
                    None => b.fields.push(f),
                }
            }
            b.constraints.extend(c.constraints);
            Some(InputBlock { span: c.span, ..b })
        }
        (b, c) => c.or(b),
    };
    let mut lets = base.lets;
    for l in child.lets {
        match lets.iter_mut().find(|x| x.name.name == l.name.name) {
            Some(slot) => *slot = l,
            None => lets.push(l),
        }
    }
    let mut criteria = base.criteria;
    criteria.extend(child.criteria);
    for ov in child.overrides {
        let slot = criteria
            .iter_mut()
            .flat_map(|c| c.indicators.iter_mut())
            .find(|i| i.id.name == ov.id.name);
        match slot {
            Some(slot) => *slot = ov,
            None => {
                let ids = criteria
                    .iter()
                    .flat_map(|c| c.indicators.iter().map(|i| i.id.name.as_str()));
                let suggestion = suggest(&ov.id.name, ids);
                let err = CheckError::UnknownName {
                    name: ov.id.name.clone(),
                    what: Thing::IndicatorToOverride,
                    suggestion,
                };
                checker.report(err.at(ov.id.span));
            }
        }
    }
    // The extended file's tests run again under the adaptation, so that what it changes shows
    // as a failing test; a test of the adapting file with the same name replaces one of them
    // (the adaptation's own expectation for that record).
    let mut tests = base.tests;
    for t in child.tests {
        match tests.iter_mut().find(|x| x.name.value == t.name.value) {
            Some(slot) => *slot = t,
            None => tests.push(t),
        }
    }
    let decisions = if child.decisions.is_empty() {
        base.decisions
    } else {
        child.decisions
    };
    Model {
        id: child.id,
        title: child.title,
        extends: None,
        header,
        input,
        lets,
        criteria,
        overrides: Vec::new(),
        decisions,
        tests,
        span: child.span,
    }
}
