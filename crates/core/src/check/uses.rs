//! `uses`: a model that holds records of another (a clan's families, scored by the family
//! rules). Each used file is read and checked on its own; a file with errors, or a loop of
//! `uses`, is reported at the `uses` statement.

use std::sync::Arc;

use tieuchi_syntax::ast::{HeaderItem, Model};

use super::error::{CheckError, Link};
use super::{Checker, Loader, Run, compile_inner};
use crate::program::Program;

/// Reads and checks every model named by `uses`.
pub(super) fn resolve(
    model: &Model,
    name: &str,
    load: &mut Loader<'_>,
    run: &mut Run,
    checker: &mut Checker,
) -> Vec<(String, Arc<Program>)> {
    let mut used = Vec::new();
    for item in &model.header {
        let HeaderItem::Uses(id, path) = item else {
            continue;
        };
        let (used_name, text) = match load(name, &path.value) {
            Ok(found) => found,
            Err(why) => {
                let problem = Link::Unreadable {
                    path: path.value.clone(),
                    why,
                };
                checker.report(CheckError::BadLink(problem).at(path.span));
                continue;
            }
        };
        if run.visiting.contains(&used_name) {
            let problem = Link::UsesLoop(path.value.clone());
            checker.report(CheckError::BadLink(problem).at(path.span));
            continue;
        }
        let done = match run.done.get(&used_name) {
            Some(done) => done.clone(),
            None => {
                run.visiting.push(used_name.clone());
                let compiled = compile_inner(&used_name, &text, load, run);
                run.visiting.pop();
                let done = compiled
                    .program
                    .map(Arc::new)
                    .ok_or_else(|| compiled.diagnostics.iter().filter(|d| d.is_error()).count());
                run.done.insert(used_name, done.clone());
                done
            }
        };
        match done {
            Ok(p) => used.push((id.name.clone(), p)),
            Err(errors) => {
                let problem = Link::HasErrors {
                    path: path.value.clone(),
                    errors,
                };
                checker.report(CheckError::BadLink(problem).at(path.span));
            }
        }
    }
    used
}
