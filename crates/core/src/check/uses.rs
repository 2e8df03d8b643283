//! `uses`: a model that holds records of another (a clan's families, scored by the family
//! rules). Each used file is read and checked on its own; a file with errors, or a loop of
//! `uses`, is reported at the `uses` statement.

use std::sync::Arc;

use tieuchi_syntax::ast::{HeaderItem, Model};

use super::error::CheckError;
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
                let detail = format!("cannot read `{}`: {why}", path.value);
                checker.report(CheckError::BadExtends { detail }.at(path.span));
                continue;
            }
        };
        if run.visiting.contains(&used_name) {
            let detail = format!(
                "`{}` uses this file again: models cannot use each other in a loop",
                path.value
            );
            checker.report(CheckError::BadExtends { detail }.at(path.span));
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
                let detail = format!(
                    "`{}` has {errors} errors; run `tieuchi check` on it",
                    path.value
                );
                checker.report(CheckError::BadExtends { detail }.at(path.span));
            }
        }
    }
    used
}
